import { useState } from 'react';
import type { Role, User } from '../../../../main/api/contract';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/api-error';
import { Alert } from '../../components/alert';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { DataTable, type Column } from '../../components/data-table';
import { Loading } from '../../components/loading';
import { Panel } from '../../components/panel';
import { useApiQuery } from '../../hooks/use-api-query';
import { roleLabels, useSession } from '../../hooks/use-session';
import { formatUkDate, formatUkDateTime } from '../../lib/format-time';
import { AddUserDialog } from './add-user-dialog';
import { roleOptions } from './role-options';

type Message = { tone: 'success' | 'error'; text: string };

export function UsersPanel({ onChanged }: { onChanged?: () => void }) {
  const api = useApi();
  const { user: me } = useSession();
  const users = useApiQuery('listUsers');
  const [adding, setAdding] = useState(false);
  const [toggling, setToggling] = useState<User | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [pending, setPending] = useState<number | null>(null);

  const changed = (text: string) => {
    setMessage({ tone: 'success', text });
    users.reload();
    onChanged?.();
  };

  const changeRole = async (u: User, role: Role) => {
    setPending(u.id);
    setMessage(null);
    try {
      await api.call('updateUser', { params: { id: u.id }, body: { role } });
      changed(`${u.displayName} (${u.username}) is now ${roleLabels[role].toLowerCase()}.`);
    } catch (e) {
      setMessage({ tone: 'error', text: `Could not change the role of ${u.username}: ${errorMessage(e)}` });
      users.reload();
    } finally {
      setPending(null);
    }
  };

  const columns: Column<User>[] = [
      { id: 'username', header: 'Username', cell: (u) => <span className="mono">{u.username}</span>, sortValue: (u) => u.username, rowHeader: true },
      { id: 'displayName', header: 'Display name', cell: (u) => (u.id === me.id ? `${u.displayName} (you)` : u.displayName), sortValue: (u) => u.displayName },
      { id: 'officerNumber', header: 'Officer no.', cell: (u) => u.officerNumber ?? <span className="muted">—</span>, sortValue: (u) => u.officerNumber },
      {
        id: 'role',
        header: 'Role',
        sortValue: (u) => u.role,
        cell: (u) =>
          u.id === me.id ? (
            roleLabels[u.role]
          ) : (
            <select
              className="select select--inline"
              aria-label={`Role for ${u.username}`}
              value={u.role}
              disabled={pending === u.id}
              onChange={(e) => void changeRole(u, e.target.value as Role)}
            >
              {roleOptions.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          ),
      },
      {
        id: 'status',
        header: 'Status',
        sortValue: (u) => (u.disabled ? 2 : u.lockedUntil && u.lockedUntil > Date.now() ? 1 : 0),
        cell: (u) =>
          u.disabled ? (
            <Badge tone="danger">Disabled</Badge>
          ) : u.lockedUntil && u.lockedUntil > Date.now() ? (
            <Badge tone="warn">Locked until {formatUkDateTime(u.lockedUntil)}</Badge>
          ) : (
            <Badge tone="ok">Active</Badge>
          ),
      },
      { id: 'createdAt', header: 'Added', cell: (u) => formatUkDate(u.createdAt), sortValue: (u) => u.createdAt, wrap: 'nowrap' },
      {
        id: 'actions',
        header: <span className="visually-hidden">Actions</span>,
        cell: (u) =>
          u.id === me.id ? null : (
            <Button size="small" variant={u.disabled ? 'secondary' : 'danger'} onClick={() => setToggling(u)} aria-label={`${u.disabled ? 'Enable' : 'Disable'} ${u.username}`}>
              {u.disabled ? 'Enable' : 'Disable'}
            </Button>
          ),
      },
  ];

  return (
    <Panel
      title="Users"
      flush
      actions={
        <Button variant="primary" size="small" onClick={() => setAdding(true)}>
          Add user
        </Button>
      }
    >
      <div className="panel__messages">{message ? <Alert tone={message.tone}>{message.text}</Alert> : null}</div>
      {users.status === 'error' ? (
        <Alert tone="error" title="Could not load users." action={<Button onClick={users.reload}>Try again</Button>}>
          {errorMessage(users.error)}
        </Alert>
      ) : null}
      {users.data ? (
        <DataTable caption="Users of this workstation" captionHidden columns={columns} rows={users.data} rowKey={(u) => u.id} initialSort={{ column: 'username', direction: 'ascending' }} />
      ) : users.status === 'loading' ? (
        <Loading label="Loading users…" />
      ) : null}
      <AddUserDialog
        open={adding}
        onClose={() => setAdding(false)}
        onAdded={(u) => {
          setAdding(false);
          changed(`Added ${roleLabels[u.role].toLowerCase()} ${u.displayName} (${u.username}).`);
        }}
      />
      <ConfirmDialog
        open={toggling !== null}
        title={toggling?.disabled ? `Enable ${toggling.username}?` : `Disable ${toggling?.username ?? ''}?`}
        confirmLabel={toggling?.disabled ? 'Enable' : 'Disable'}
        danger={!toggling?.disabled}
        onClose={() => setToggling(null)}
        onConfirm={async () => {
          if (!toggling) return;
          const u = await api.call('updateUser', { params: { id: toggling.id }, body: { disabled: !toggling.disabled } });
          changed(u.disabled ? `Disabled ${u.username}; they have been signed out.` : `Enabled ${u.username}; they can sign in again.`);
        }}
      >
        <p>
          {toggling?.disabled
            ? `${toggling.displayName} will be able to sign in again with their existing password.`
            : `${toggling?.displayName ?? ''} will be signed out at once and cannot sign in until enabled. Their past decisions and audit entries are kept.`}
        </p>
      </ConfirmDialog>
    </Panel>
  );
}
