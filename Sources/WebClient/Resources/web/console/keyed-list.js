// A list whose items keep their nodes while the data behind them changes, so that a
// re-render neither moves the keyboard focus nor makes a screen reader read the list again.

export class KeyedList {
  /**
   * @param {HTMLElement} root the list element
   * @param {(item: object) => {node: HTMLElement, update: (item: object) => void}} make
   */
  constructor(root, make) {
    this.root = root;
    this.make = make;
    this.rows = new Map();
  }

  /** Shows `items` in this order; `key(item)` names each. */
  render(items, key = (item) => item.id) {
    const wanted = new Set();
    items.forEach((item, index) => {
      const id = key(item);
      wanted.add(id);
      let row = this.rows.get(id);
      if (!row) {
        row = this.make(item);
        this.rows.set(id, row);
      }
      row.update(item);
      if (this.root.children[index] !== row.node) this.root.insertBefore(row.node, this.root.children[index] || null);
    });
    for (const [id, row] of this.rows) {
      if (!wanted.has(id)) {
        row.node.remove();
        this.rows.delete(id);
      }
    }
  }
}

/** `m:ss`, or `h:mm:ss` past an hour: how long something has waited. */
export function duration(seconds) {
  const whole = Math.max(0, Math.floor(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
