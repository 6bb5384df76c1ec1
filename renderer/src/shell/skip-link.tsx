/**
 * First stop for keyboard users: jumps past the navigation. It focuses
 * <main> directly, because a "#main" href would be taken as a route.
 */
export function SkipLink() {
  return (
    <a
      className="skip-link"
      href="#main"
      onClick={(e) => {
        e.preventDefault();
        document.getElementById('main')?.focus();
      }}
    >
      Skip to main content
    </a>
  );
}
