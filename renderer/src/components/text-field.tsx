import type { InputHTMLAttributes, ReactNode } from 'react';
import { Field } from './field';

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'id'> {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string | null | undefined;
  optional?: boolean;
  fieldClassName?: string;
}

export function TextField({ label, value, onChange, hint, error, optional, required, fieldClassName, className, ...input }: TextFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} optional={optional} required={required} className={fieldClassName}>
      {(p) => <input {...input} {...p} className={['input', className].filter(Boolean).join(' ')} value={value} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}
