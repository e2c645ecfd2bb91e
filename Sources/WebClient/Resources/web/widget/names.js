// Agents' display names. The native API tells a visitor only an agent's id; the chat's lines as
// the IPTP face gives them (`GET /xm/api/chats/{id}/messages`, open to the chat's visitor with
// the same token) carry each sender's name. Names are kept in the session, so one look-up per
// agent and chat is enough; until a name is known, the line says "Agent".

import { h } from '/shared/dom.js';

export class AgentNames {
  constructor({ session, t }) {
    this.session = session;
    this.t = t;
    this.labels = new Map();
    this.asked = new Set();
  }

  name(agentId) {
    return this.session.state.agentNames[agentId] || null;
  }

  /** A node showing the agent's name (or, with `joined`, "<name> joined the chat"), filled in when known. */
  label(agentId, kind = 'author') {
    const node = h('span', { class: kind === 'author' ? 'author' : null });
    node.dataset.kind = kind;
    this.fill(node, agentId);
    if (!this.labels.has(agentId)) this.labels.set(agentId, new Set());
    this.labels.get(agentId).add(node);
    return node;
  }

  fill(node, agentId) {
    const name = this.name(agentId) || this.t('agent');
    node.textContent = node.dataset.kind === 'joined' ? this.t('joined', { name }) : name;
  }

  /** Looks the names of `chatId`'s agents up once, unless `agentId` is already known. */
  async learn(chatId, agentId) {
    if (!agentId || this.name(agentId) || this.asked.has(chatId + agentId)) return this.name(agentId);
    this.asked.add(chatId + agentId);
    try {
      const answer = await this.session.api.get(`/xm/api/chats/${encodeURIComponent(chatId)}/messages`);
      const names = { ...this.session.state.agentNames };
      for (const line of answer.messages || []) {
        if (!line.fromGuest && line.senderId && line.senderName) names[line.senderId] = line.senderName;
      }
      this.session.update({ agentNames: names });
      for (const [id, nodes] of this.labels) for (const node of nodes) this.fill(node, id);
    } catch {
      // The IPTP face is optional: "Agent" stays.
    }
    return this.name(agentId);
  }
}
