// Async iteration over a paged 2Chat list: `for await (const item of client.messages.iterate(…))`.
// `walker.nextPage()` resolves the next page's items, or null when there are no more; pages are
// fetched one at a time, only when the loop asks for more.
export function pageIterable(walker) {
  return {
    [Symbol.asyncIterator]() {
      let items = [];
      let index = 0;
      let finished = false;
      return {
        async next() {
          while (!finished) {
            if (index < items.length) return { value: items[index++], done: false };
            const page = await walker.nextPage();
            if (page === null) finished = true;
            else {
              items = page;
              index = 0;
            }
          }
          return { value: undefined, done: true };
        },
        async return(value) {
          finished = true;
          return { value, done: true };
        },
        [Symbol.asyncIterator]() {
          return this;
        },
      };
    },
  };
}
