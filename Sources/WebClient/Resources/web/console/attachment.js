// A file in a chat: fetched with the agent's token (never a token in a URL), shown from a
// blob: URL; images are previewed, other files offered for download.
import { h } from '/shared/dom.js';

const PREVIEWED = /^image\/(png|jpeg|gif|webp)$/;

export function attachmentView(ctx, attachment) {
  const { t, api } = ctx;
  const path = `/v1/attachments/${encodeURIComponent(attachment.id)}`;
  const size = new Intl.NumberFormat(t.language, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 })
    .format(Math.max(1, Math.round((attachment.size || 0) / 1024)));
  if (PREVIEWED.test(attachment.contentType || '')) {
    const image = h('img', { class: 'attachment-image', alt: attachment.name });
    api.blob(path).then((blob) => {
      image.src = URL.createObjectURL(blob);
    }).catch(() => {
      image.replaceWith(h('span', { class: 'muted' }, t('attachment.unavailable', { name: attachment.name })));
    });
    return h('figure', { class: 'attachment' }, image, h('figcaption', { class: 'small', dir: 'auto' }, `${attachment.name} · ${size}`));
  }
  const download = h('button', { type: 'button', class: 'small-button' }, t('attachment.download', { name: attachment.name, size }));
  download.addEventListener('click', async () => {
    try {
      const url = URL.createObjectURL(await api.blob(path));
      const link = h('a', { href: url, download: attachment.name });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch {
      download.textContent = t('attachment.unavailable', { name: attachment.name });
    }
  });
  return h('div', { class: 'attachment' }, download);
}
