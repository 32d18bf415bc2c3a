import type { INodeProperties } from 'n8n-workflow';

export const trafficSourceOperations: INodeProperties[] = [];

export const trafficSourceFields: INodeProperties[] = [];
