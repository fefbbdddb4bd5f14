// Every rule the engine knows. An obligation is evaluated by the first rule that applies to it.
import { periodicObligation } from './periodic-obligation.ts';
import { eventObligation } from './event-obligation.ts';

export const rules = [periodicObligation, eventObligation];
