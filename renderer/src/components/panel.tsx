import { useId, type ReactNode } from 'react';

export interface PanelProps {
  title: ReactNode;
  actions?: ReactNode;
  /** No padding around the body: for tables that run edge to edge. */
  flush?: boolean;
  children: ReactNode;
}

/** A titled section of a page; a landmark region named by its heading. */
export function Panel({ title, actions, flush, children }: PanelProps) {
  const id = useId();
  return (
    <section className="panel" aria-labelledby={id}>
      <div className="panel__header">
        <h2 className="panel__title" id={id}>
          {title}
        </h2>
        {actions ? <div className="panel__actions">{actions}</div> : null}
      </div>
      <div className={flush ? 'panel__body panel__body--flush' : 'panel__body'}>{children}</div>
    </section>
  );
}
