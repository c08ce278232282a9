/**
 * Node ids: unique across every document of the page, so a block made by `createBlock` never collides
 * with the nodes of the document it is inserted into. A counter, not a random value: the admin may run
 * over plain http, where `crypto.randomUUID` is missing.
 */
let counter = 0;

export function newId(): string {
  counter += 1;
  return `ve${counter}`;
}
