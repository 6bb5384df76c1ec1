/** The workstation's mark: a camera on a pole. Decorative; the product name sits beside it. */
export function BrandMark() {
  return (
    <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="6" fill="#1c2a38" />
      <path d="M6 11h15l5-3v12l-5-3H6z" fill="#7cc4ff" />
      <circle cx="11" cy="14" r="2" fill="#1c2a38" />
      <path d="M12 17v7h8" stroke="#7cc4ff" strokeWidth="2" fill="none" />
    </svg>
  );
}
