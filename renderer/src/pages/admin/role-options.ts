import type { Role } from '../../../../main/api/contract';
import { roleLabels } from '../../hooks/use-session';

export const roleOptions: readonly { value: Role; label: string }[] = (['officer', 'supervisor', 'administrator'] as const).map((r) => ({ value: r, label: roleLabels[r] }));
