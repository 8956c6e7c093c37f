// Copying a link: the Clipboard API where the page may use it (secure contexts: https or
// localhost), else the text is selected in its field so the user can copy it by hand.

export async function copyFromField(field: HTMLInputElement, status: HTMLElement): Promise<void> {
  const text = field.value;
  // Absent on plain http to a LAN address, which is how many venues run.
  const clipboard = (navigator as { clipboard?: Clipboard }).clipboard;
  try {
    if (clipboard === undefined) throw new Error('no clipboard');
    await clipboard.writeText(text);
    status.textContent = 'Copied.';
  } catch {
    field.focus();
    field.select();
    status.textContent = 'Selected: press Ctrl+C (⌘C on a Mac) to copy.';
  }
}
