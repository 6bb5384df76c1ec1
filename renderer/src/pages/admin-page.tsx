import { useState } from 'react';
import { PageHeader } from '../components/page-header';
import { AuditPanel } from './admin/audit-panel';
import { UsersPanel } from './admin/users-panel';

/** Admin: users and roles, and the audit log. Administrators only. */
export function AdminPage() {
  // A change to users writes audit entries; refresh the audit table with it.
  const [auditRefresh, setAuditRefresh] = useState(0);
  return (
    <>
      <PageHeader title="Admin" description="Users and their roles, and the audit log of everything done on this workstation." />
      <UsersPanel onChanged={() => setAuditRefresh((n) => n + 1)} />
      <AuditPanel refreshKey={auditRefresh} />
    </>
  );
}
