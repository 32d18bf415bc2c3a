import type { IExecuteSingleFunctions } from 'n8n-workflow';

/** Whether the node runs as a tool of an AI agent (n8n names the tool variant `…Tool`). */
export const isTool = (ctx: Pick<IExecuteSingleFunctions, 'getNode'>) => ctx.getNode().type.endsWith('Tool');
