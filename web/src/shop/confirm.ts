/**
 * "Remove 苹果 from the cart?" with 取消 / 移除: the browser's own modal <dialog> (focus kept inside,
 * Esc cancels, the page behind inert), styled as the shop's sheet. In place of antd-mobile's
 * Dialog.confirm, whose animation library weighed ~17 KB compressed on the cart page.
 * Resolves true for the confirm button, false for cancel, Esc or a tap outside.
 */
export function confirmSheet({ content, confirmText, cancelText }: { content: string; confirmText: string; cancelText: string }): Promise<boolean> {
  return new Promise((resolve) => {
    const dialog = document.createElement('dialog');
    dialog.className = 'shop-confirm';
    dialog.dataset.testid = 'confirm';
    const text = document.createElement('p');
    text.className = 'shop-confirm-text';
    text.id = `shop-confirm-${Date.now()}`;
    text.textContent = content;
    dialog.setAttribute('aria-describedby', text.id);
    const row = document.createElement('div');
    row.className = 'shop-confirm-actions';
    const button = (label: string, value: boolean, cls: string) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = `shop-confirm-button ${cls}`;
      b.textContent = label;
      b.addEventListener('click', () => finish(value));
      return b;
    };
    const cancel = button(cancelText, false, 'shop-confirm-cancel');
    row.append(cancel, button(confirmText, true, 'shop-confirm-ok'));
    dialog.append(text, row);
    let done = false;
    const finish = (value: boolean) => {
      if (done) return;
      done = true;
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    dialog.addEventListener('cancel', (e) => {
      e.preventDefault();
      finish(false);
    });
    // a tap on the backdrop (the dialog element itself, outside its content box) cancels
    dialog.addEventListener('click', (e) => e.target === dialog && finish(false));
    document.body.appendChild(dialog);
    dialog.showModal();
    cancel.focus();
  });
}
