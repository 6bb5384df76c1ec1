import { useId, type ReactElement, type ReactNode } from 'react';

export interface FieldControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
  'aria-required'?: true;
}

export interface FieldProps {
  label: ReactNode;
  /** Guidance shown under the label, always read with the control. */
  hint?: ReactNode;
  /** Shown beside the control and announced; marks the control invalid. */
  error?: string | null | undefined;
  optional?: boolean;
  required?: boolean;
  className?: string;
  /** Renders the control with the ids and ARIA wiring it needs. */
  children: (control: FieldControlProps) => ReactElement;
}

/**
 * Label + control + hint + error, wired for assistive technology. Use it
 * through TextField / SelectField, or directly for other controls:
 * `<Field label="Camera">{(p) => <CameraPicker {...p} />}</Field>`.
 */
export function Field({ label, hint, error, optional, required, className, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={id}>
        {label}
        {optional ? <span className="field__optional"> (optional)</span> : null}
      </label>
      {hint ? (
        <span className="field__hint" id={hintId}>
          {hint}
        </span>
      ) : null}
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined, 'aria-required': required ? true : undefined })}
      {error ? (
        <span className="field__error" id={errorId} role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
