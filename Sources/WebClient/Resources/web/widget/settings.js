// What this server lets the widget offer (`GET /v1/widget-settings`, public): the files a visitor
// may send and whether transcripts can be emailed. Read once per page.

let reading = null;

/** The settings, or a conservative guess (no files, no transcripts) when they cannot be read. */
export function widgetSettings(api) {
  reading ??= api.get('/v1/widget-settings', undefined, { auth: false }).catch(() => ({
    attachments: { maxBytes: 0, contentTypes: [] },
    transcripts: false,
  }));
  return reading;
}
