import type { INodeProperties } from 'n8n-workflow';

export const connectionOperations: INodeProperties[] = [];

export const connectionFields: INodeProperties[] = [];
