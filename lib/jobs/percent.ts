/** A job's progress in whole percent, rounded down (100 % only once every row is done; an empty job is done). */
export const jobPercent = (done: number, total: number) => (total === 0 ? 100 : Math.floor((done / total) * 100));
