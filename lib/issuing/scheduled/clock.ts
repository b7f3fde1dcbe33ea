/** Where scheduled issuing reads the time: the system clock, or a test's. */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };
