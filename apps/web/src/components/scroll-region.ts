/**
 * A ref for the box a wide table scrolls sideways in (`.table-wrap`). While the table is wider
 * than the box (a phone), the box is a Tab stop and a region named after the table, so the
 * keyboard can scroll it too (WCAG 2.1.1; axe's scrollable-region-focusable). When it fits (a
 * laptop) it adds no Tab stop. The attributes follow the box's size, so turning the phone or
 * loading longer rows updates them.
 */
export function scrollRegion(label: string) {
  return (element: HTMLElement | null) => {
    if (!element) return;
    const update = () => {
      if (element.scrollWidth > element.clientWidth + 1) {
        element.tabIndex = 0;
        element.setAttribute("role", "region");
        element.setAttribute("aria-label", label);
      } else {
        element.removeAttribute("tabindex");
        element.removeAttribute("role");
        element.removeAttribute("aria-label");
      }
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  };
}
