import type { INodeProperties } from 'n8n-workflow';

export const orderOperations: INodeProperties[] = [];

export const orderFields: INodeProperties[] = [];
