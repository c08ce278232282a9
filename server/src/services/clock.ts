/**
 * The sender's notion of "now". Tests move it to check rolling windows and schedules
 * without waiting; production never touches the offset.
 */
export default () => {
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    set: (date: Date) => {
      offsetMs = date.getTime() - Date.now();
    },
    advance: (ms: number) => {
      offsetMs += ms;
    },
    reset: () => {
      offsetMs = 0;
    },
  };
};
