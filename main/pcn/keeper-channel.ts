/**
 * Keeper-at-date-of-event (KADOE) enquiries to the DVLA, behind an adapter:
 * the batch file format is not public (DOMAIN §8), so the CSV channel here
 * stands in until a real DVLA channel plugs in with the same interface.
 */
export interface KeeperEnquiry {
  enquiryRef: string;
  vrm: string;
  eventAt: number;
  reasonCode: string;
  enquirerCode: string;
}

export interface KeeperReply {
  /** Line (or record) of the reply file, for error messages. */
  line: number;
  enquiryRef: string;
  name: string;
  addressLines: string[];
  postcode: string;
  make: string;
  model: string;
  colour: string;
}

export interface RowError {
  line: number;
  field?: string;
  message: string;
}

export interface KeeperEnquiryChannel {
  readonly name: string;
  /** The batch as the channel sends it (a file to upload, or a request body). */
  formatBatch(batchRef: string, enquiries: readonly KeeperEnquiry[]): { fileName: string; mediaType: string; content: string };
  /** Parses a reply; problems are reported row by row, never half-read. */
  parseReplies(content: string): { replies: KeeperReply[]; errors: RowError[] };
}
