/** A "no entry" sign drawn inline: the emoji is missing from many systems' fonts. */
export function StopIcon() {
  return (
    <svg className="stop-icon" viewBox="0 0 16 16" width="1em" height="1em" aria-hidden="true">
      <circle cx="8" cy="8" r="7.5" />
      <rect x="3.5" y="6.75" width="9" height="2.5" rx="0.5" />
    </svg>
  );
}
