import type { INodeProperties } from 'n8n-workflow';

export const userOperations: INodeProperties[] = [];

export const userFields: INodeProperties[] = [];
