// Agents' display names. Events name their author by id; the chat (`GET /v1/chats/{id}`) names
// the agent serving it. Names are kept in the session, so one look-up per agent and chat is
// enough; until a name is known, the line says "Agent".

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
      const chat = await this.session.api.get(`/v1/chats/${encodeURIComponent(chatId)}`);
      if (chat.agentId && chat.agentName) {
        this.session.update({ agentNames: { ...this.session.state.agentNames, [chat.agentId]: chat.agentName } });
        for (const [id, nodes] of this.labels) for (const node of nodes) this.fill(node, id);
      }
    } catch {
      // A name that cannot be read now stays "Agent".
    }
    return this.name(agentId);
  }
}
