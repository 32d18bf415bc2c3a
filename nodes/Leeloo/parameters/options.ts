import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { sendAs } from '../engine/fields';
import { oneOf } from '../engine/validation';

/** An options parameter sent at `property`, refusing (e.g. from an expression) any value not among its own options. */
export function optionAs(where: 'body' | 'query', property: string, parameter: INodeProperties): INodeProperties {
	const allowed = (parameter.options ?? []).map((option) => String((option as INodePropertyOptions).value));
	return { ...parameter, ...sendAs(where, property, oneOf(parameter.name, parameter.displayName, allowed)) };
}
