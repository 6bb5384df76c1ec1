import { EmptyState } from '../components/empty-state';
import { PageHeader } from '../components/page-header';

export function NotAvailablePage({ title, message }: { title: string; message: string }) {
  return (
    <>
      <PageHeader title={title} />
      <EmptyState title={message} icon="⊘">
        <p>
          Choose a page from the navigation, or go to <a href="#/live">Live</a>.
        </p>
      </EmptyState>
    </>
  );
}
