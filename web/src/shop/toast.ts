/**
 * A short message over the page ("已加入购物车", "复制成功"), as antd-mobile's Toast shows it — the
 * same call (`Toast.show({ content, icon, duration, position })`), without its animation library,
 * which weighed ~17 KB compressed on every public page. Announced to screen readers (role=status,
 * or alert for a failure); one at a time; a new one replaces the old.
 */
type ToastIcon = 'success' | 'fail' | 'loading';
type ShowOptions = { content: string; icon?: ToastIcon; duration?: number; position?: 'center' | 'top' | 'bottom' };

let current: { el: HTMLElement; timer: number } | null = null;

const ICONS: Record<ToastIcon, string> = {
  // check, cross, spinner: drawn inline so a toast needs no request
  success: 'M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4z',
  fail: 'M19 6.4 17.6 5 12 10.6 6.4 5 5 6.4 10.6 12 5 17.6 6.4 19 12 13.4 17.6 19 19 17.6 13.4 12z',
  loading: 'M12 4V2A10 10 0 0 0 2 12h2a8 8 0 0 1 8-8z',
};

function clear() {
  if (!current) return;
  window.clearTimeout(current.timer);
  current.el.remove();
  current = null;
}

function show(options: ShowOptions | string) {
  const o = typeof options === 'string' ? { content: options } : options;
  clear();
  const el = document.createElement('div');
  el.className = `shop-toast shop-toast-${o.position ?? 'center'}${o.icon ? ' shop-toast-with-icon' : ''}`;
  el.setAttribute('role', o.icon === 'fail' ? 'alert' : 'status');
  el.dataset.testid = 'toast';
  if (o.icon) {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('class', `shop-toast-icon${o.icon === 'loading' ? ' anticon-spin' : ''}`);
    const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    path.setAttribute('d', ICONS[o.icon]);
    path.setAttribute('fill', 'currentColor');
    svg.appendChild(path);
    el.appendChild(svg);
  }
  const text = document.createElement('div');
  text.textContent = o.content;
  el.appendChild(text);
  document.body.appendChild(el);
  const timer = window.setTimeout(clear, o.duration ?? 2000);
  current = { el, timer };
  return { close: clear };
}

export const Toast = { show, clear };
