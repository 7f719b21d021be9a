/** A topology that cannot run: bad wiring, or topics whose partition counts do not line up. */
export class TopologyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TopologyError';
  }
}
