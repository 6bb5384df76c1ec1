import { playerKeyBindings } from './player-keys';

/** The player's keyboard shortcuts, from the same table the key handler uses. */
export function ShortcutHelp() {
  return (
    <table className="shortcut-table player-shortcuts">
      <caption className="visually-hidden">Review player keyboard shortcuts</caption>
      <thead>
        <tr>
          <th scope="col">Keys</th>
          <th scope="col">Does</th>
        </tr>
      </thead>
      <tbody>
        {playerKeyBindings.map((b) => (
          <tr key={b.action}>
            <td>
              {b.keys.map((k, i) => (
                <span key={k}>
                  {i > 0 ? ' + ' : null}
                  <kbd>{k}</kbd>
                </span>
              ))}
            </td>
            <td>{b.description}</td>
          </tr>
        ))}
        <tr>
          <td>
            <kbd>Wheel</kbd> / drag
          </td>
          <td>On the picture: zoom and pan. On the timeline: zoom (Shift + wheel pans), drag to scrub.</td>
        </tr>
      </tbody>
    </table>
  );
}
