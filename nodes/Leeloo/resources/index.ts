import { call } from './call';
import { communicationChannel } from './communicationChannel';
import { connection } from './connection';
import type { Resource } from './declaration';
import { message } from './message';
import { messageTemplate } from './messageTemplate';
import { order } from './order';
import { person } from './person';
import { tag } from './tag';
import { trafficSource } from './trafficSource';
import { tunnel } from './tunnel';
import { user } from './user';

// The node's resources, in the editor's order (n8n's lint: alphabetical by name).
export const RESOURCES: Resource[] = [call, communicationChannel, connection, message, messageTemplate, order, person, tag, trafficSource, tunnel, user];
