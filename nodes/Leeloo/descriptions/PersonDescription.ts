import type { INodeProperties } from 'n8n-workflow';

export const personOperations: INodeProperties[] = [];

export const personFields: INodeProperties[] = [];
