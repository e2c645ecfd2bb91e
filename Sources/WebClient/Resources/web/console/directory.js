// Departments and agents, read once at start and kept current by presence notices, for
// names in the chat list, the transfer dialog and the admin pages.

export class Directory {
  constructor(api) {
    this.api = api;
    this.departments = [];
    this.agents = [];
  }

  async load() {
    const [departments, agents] = await Promise.all([
      this.api.get('/v1/departments'),
      this.api.get('/v1/agents'),
    ]);
    this.departments = departments.items;
    this.agents = agents.items;
  }

  department(id) {
    return this.departments.find((department) => department.id === id);
  }

  agent(id) {
    return this.agents.find((agent) => agent.id === id);
  }

  departmentName(id) {
    return this.department(id)?.name ?? `#${id}`;
  }

  agentName(id) {
    return this.agent(id)?.name ?? '';
  }

  presence({ agentId, status, awayReason }) {
    const agent = this.agent(agentId);
    if (agent) Object.assign(agent, { status, awayReason: awayReason ?? null });
  }
}
