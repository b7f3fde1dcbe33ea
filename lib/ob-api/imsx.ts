/**
 * Errors of the Open Badges 3.0 resource server, in the spec's Imsx_StatusInfo shape: a major
 * code, a severity, a sentence, and one code minor from the spec's vocabulary.
 */
export type ImsxCodeMinor =
  | "forbidden"
  | "internal_server_error"
  | "invalid_data"
  | "invalid_query_parameter"
  | "not_acceptable"
  | "not_allowed"
  | "not_found"
  | "server_busy"
  | "unauthorizedrequest"
  | "unknown";

export type ImsxStatusInfo = {
  imsx_codeMajor: "failure";
  imsx_severity: "error";
  imsx_description: string;
  imsx_codeMinor: { imsx_codeMinorField: { imsx_codeMinorFieldName: string; imsx_codeMinorFieldValue: ImsxCodeMinor }[] };
};

export function imsxStatusInfo(codeMinor: ImsxCodeMinor, description: string): ImsxStatusInfo {
  return {
    imsx_codeMajor: "failure",
    imsx_severity: "error",
    imsx_description: description,
    imsx_codeMinor: { imsx_codeMinorField: [{ imsx_codeMinorFieldName: "Laurel", imsx_codeMinorFieldValue: codeMinor }] },
  };
}

export function imsxResponse(status: number, codeMinor: ImsxCodeMinor, description: string, headers: Record<string, string> = {}): Response {
  return Response.json(imsxStatusInfo(codeMinor, description), { status, headers: { "Cache-Control": "no-store", ...headers } });
}
