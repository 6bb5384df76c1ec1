import { Dialog } from '../components/dialog';
import type { PageDef } from './page-registry';

export function ShortcutsDialog({ open, onClose, pages }: { open: boolean; onClose: () => void; pages: readonly PageDef[] }) {
  return (
    <Dialog open={open} onClose={onClose} title="Keyboard shortcuts">
      <table className="shortcut-table">
        <caption className="visually-hidden">Pages</caption>
        <thead>
          <tr>
            <th scope="col">Go to</th>
            <th scope="col">Keys</th>
            <th scope="col">or</th>
          </tr>
        </thead>
        <tbody>
          {pages.map((p) => (
            <tr key={p.id}>
              <th scope="row">{p.label}</th>
              <td>
                <kbd>Alt</kbd> + <kbd>{p.digit}</kbd>
              </td>
              <td>
                <kbd>g</kbd> then <kbd>{p.goKey}</kbd>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="shortcut-heading">Everywhere</h3>
      <table className="shortcut-table">
        <caption className="visually-hidden">General</caption>
        <tbody>
          <tr>
            <th scope="row">Show this list</th>
            <td>
              <kbd>?</kbd>
            </td>
          </tr>
          <tr>
            <th scope="row">Close a dialog</th>
            <td>
              <kbd>Esc</kbd>
            </td>
          </tr>
          <tr>
            <th scope="row">Next / previous control</th>
            <td>
              <kbd>Tab</kbd> / <kbd>Shift</kbd> + <kbd>Tab</kbd>
            </td>
          </tr>
          <tr>
            <th scope="row">Skip the navigation</th>
            <td>
              <kbd>Tab</kbd> once from the top, then <kbd>Enter</kbd>
            </td>
          </tr>
        </tbody>
      </table>
      <p className="muted shortcut-note">
        Letter shortcuts are ignored while you type in a field. In a browser tab, if <kbd>Alt</kbd> + digit switches tabs, use <kbd>g</kbd> then the letter.
      </p>
    </Dialog>
  );
}
