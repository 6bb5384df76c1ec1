import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Alert } from './alert';
import { Button } from './button';

interface Props {
  /** Names the page in the message, e.g. "Cameras". */
  name: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
  attempt: number;
}

/**
 * Catches a crash inside one page so the shell (navigation, top bar, the
 * live link) keeps working. "Try again" remounts the page from scratch.
 */
export class PageErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, attempt: 0 };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // Kept in the console for support staff; the officer sees the message below.
    console.warn(`page ${this.props.name} crashed`, error, info.componentStack);
  }

  retry = () => this.setState((s) => ({ error: null, attempt: s.attempt + 1 }));

  override render() {
    const { error, attempt } = this.state;
    if (error) {
      return (
        <div className="page-error">
          <h1 tabIndex={-1}>{this.props.name}</h1>
          <Alert tone="error" title="This page stopped working." action={<Button onClick={this.retry}>Try again</Button>}>
            <span className="mono">{error.message}</span>
            <p className="muted">The rest of the workstation is unaffected. If this keeps happening, tell your administrator what you were doing.</p>
          </Alert>
        </div>
      );
    }
    return <PageErrorBoundaryChildren key={attempt}>{this.props.children}</PageErrorBoundaryChildren>;
  }
}

function PageErrorBoundaryChildren({ children }: { children: ReactNode }) {
  return <>{children}</>;
}
