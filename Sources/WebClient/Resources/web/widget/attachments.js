// Files in the chat: the upload button, drag and drop and paste send files to
// `POST /v1/chats/{id}/attachments`; attachment lines fetch their file with the visitor's token
// and show images as previews and other files as download links, both through blob URLs.

import { h } from '/shared/dom.js';
import { widgetSettings } from './settings.js';

/** Whether the server takes any kind of file from visitors. */
export async function attachmentsSupported(api) {
  const settings = await widgetSettings(api);
  return settings.attachments.maxBytes > 0 && settings.attachments.contentTypes.length > 0;
}

/** The body of an attachment line: a preview or a link, filled once the file is fetched. */
export function attachmentBody(event, { t, api }) {
  const file = event.attachment || {};
  const holder = h('div', { class: 'attachment' }, h('span', { class: 'file-name' }, file.name || t('file')));
  api
    .blob(`/v1/attachments/${encodeURIComponent(file.id)}`)
    .then((blob) => {
      const url = URL.createObjectURL(blob);
      const image = /^image\/(png|jpeg|gif|webp)$/.test(file.contentType || '');
      const link = h('a', { href: url, download: file.name || 'file', class: 'file-link' }, file.name || t('file'));
      if (image) {
        holder.replaceChildren(h('img', { src: url, alt: file.name || t('image'), class: 'preview' }), link);
      } else {
        holder.replaceChildren(link, h('span', { class: 'file-size' }, ` (${size(file.size, t)})`));
      }
    })
    .catch(() => holder.append(h('span', { class: 'error' }, ' ', t('fileUnavailable'))));
  return holder;
}

function size(bytes, t) {
  if (!Number.isFinite(bytes)) return '';
  if (bytes < 1024) return t('bytes', { count: bytes });
  if (bytes < 1024 * 1024) return t('kilobytes', { count: Math.round(bytes / 1024) });
  return t('megabytes', { count: (bytes / 1024 / 1024).toFixed(1) });
}

/** Sends one file; answers the new event, or throws with a message the visitor can read. */
export async function upload(api, chatId, file, clientMessageId, t) {
  const form = new FormData();
  form.append('file', file, file.name || 'pasted-image.png');
  form.append('clientMessageId', clientMessageId);
  try {
    return await api.request('POST', `/v1/chats/${encodeURIComponent(chatId)}/attachments`, { form });
  } catch (error) {
    if (error.status === 413) throw new Error(t('fileTooLarge', { name: file.name }));
    if (error.status === 415) throw new Error(t('fileTypeRefused', { name: file.name }));
    throw new Error(t('fileFailed', { name: file.name }));
  }
}

/** Files dropped on `zone` or pasted into it go to `send(file)`. */
export function acceptFiles(zone, send) {
  zone.addEventListener('dragover', (event) => {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    zone.classList.add('is-dropping');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('is-dropping'));
  zone.addEventListener('drop', (event) => {
    zone.classList.remove('is-dropping');
    if (!event.dataTransfer?.files.length) return;
    event.preventDefault();
    for (const file of event.dataTransfer.files) send(file);
  });
  zone.addEventListener('paste', (event) => {
    const files = [...(event.clipboardData?.files || [])];
    if (!files.length) return;
    event.preventDefault();
    for (const file of files) send(file);
  });
}
