export type Theme = "light" | "dark" | "system";
const KEY = "weeknight.theme";

/** The theme chosen on this browser; "system" follows the operating system's setting. */
export function storedTheme(): Theme {
  const value = localStorage.getItem(KEY);
  return value === "light" || value === "dark" ? value : "system";
}

export function setTheme(theme: Theme): void {
  if (theme === "system") localStorage.removeItem(KEY);
  else localStorage.setItem(KEY, theme);
  applyStoredTheme();
}

export function applyStoredTheme(): void {
  const theme = storedTheme();
  if (theme === "system") delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}
