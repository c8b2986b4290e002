/** Where "now" comes from, so tests can set the date a rule depends on. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
