/** The time comes in from the edge, so that rules and services can be tested at any date. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

export const toIso = (d: Date): string => d.toISOString();

export const addMinutes = (d: Date, minutes: number): Date => new Date(d.getTime() + minutes * 60_000);
