import { useEffect } from "react";

/** Sets the tab's title to "<title> · Weeknight" while the page is shown. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Weeknight` : "Weeknight";
  }, [title]);
}
