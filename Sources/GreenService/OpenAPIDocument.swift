import GreenMetrics
import GreenReports
import GreenStore

/// The OpenAPI 3.1 description of the filing service, served at `/openapi.yaml`.
enum OpenAPIDocument {
    static func yaml(version: String) -> String {
        let districts = NewAccount.districtCodes.map { "\"\($0)\"" }.joined(separator: ", ")
        return #"""
            openapi: 3.1.0
            info:
              title: GreenLedger filing service
              version: "\#(version)"
              summary: Lenders file quarterly green-finance disclosures and get receipts; staff read roll-ups.
              description: |
                filing-service-v1. Lenders file their quarterly disclosure (format v1) and get a receipt at
                once; district and city staff read roll-ups, reports and (city, admin) the audit log.

                Roles: `lender` (one USCC) validates, files for its own USCC and reads its own receipts and
                documents; `district` (one district code) validates, lists filings and reads the roll-ups and
                reports of its own district; `city` and `admin` may do everything `district` may, for the city
                and every district, and read any receipt, document and the audit log.

                A request without a valid, unrevoked token gets 401 (except `/`, `/healthz` and
                `/openapi.yaml`). A request outside the caller's scope gets 403, except reading a receipt or
                document of another lender, which gets 404 (existence is not revealed). Every error body is
                `{"error": "…", "hint": "…"}`. 503: the filing history cannot be read or written just now.
            servers:
              - url: /
            tags:
              - name: public
                description: No token needed.
              - name: filing
                description: Validating and filing; receipts and filed documents.
              - name: roll-ups
                description: District and city roll-ups and reports.
              - name: audit
                description: The append-only audit log (city and admin).
            security:
              - bearerAuth: []
            paths:
              /:
                get:
                  operationId: getWebPage
                  tags: [public]
                  summary: The web page, in Chinese and English (self-contained; it uses only this API).
                  security: []
                  responses:
                    "200":
                      description: The page.
                      content:
                        text/html:
                          schema:
                            type: string
                    "503":
                      $ref: "#/components/responses/Unavailable"
              /healthz:
                get:
                  operationId: getHealth
                  tags: [public]
                  summary: Whether the service is up, and its version.
                  security: []
                  responses:
                    "200":
                      description: The service is up.
                      content:
                        application/json:
                          schema:
                            $ref: "#/components/schemas/Health"
                    "503":
                      $ref: "#/components/responses/Unavailable"
              /openapi.yaml:
                get:
                  operationId: getOpenAPIDocument
                  tags: [public]
                  summary: This description of the API (OpenAPI 3.1).
                  security: []
                  responses:
                    "200":
                      description: The OpenAPI document.
                      content:
                        application/yaml:
                          schema:
                            type: string
                    "503":
                      $ref: "#/components/responses/Unavailable"
              /v1/validate:
                post:
                  operationId: validateFiling
                  tags: [filing]
                  summary: Validates a filing; nothing is stored (any role).
                  description: >-
                    The body is the filing itself, streamed. The answer is the filing's entry of
                    `greenledger-validate/1`, as `greenledger validate --format json` prints it; a filing that
                    is not well-formed or not valid is still 200, with verdict REJECT and its findings.
                  requestBody:
                    $ref: "#/components/requestBodies/Filing"
                  responses:
                    "200":
                      description: The validation entry (ACCEPT or REJECT).
                      content:
                        application/json:
                          schema:
                            $ref: "#/components/schemas/ValidationEntry"
                    "400":
                      $ref: "#/components/responses/BadUpload"
                    "401":
                      $ref: "#/components/responses/Unauthorized"
                    "408":
                      $ref: "#/components/responses/Stalled"
                    "413":
                      $ref: "#/components/responses/TooLarge"
                    "503":
                      $ref: "#/components/responses/Unavailable"
              /v1/filings:
                post:
                  operationId: fileFiling
                  tags: [filing]
                  summary: Files a filing for the lender of the token (lender accounts only).
                  description: >-
                    The body is the filing itself, streamed: hashed, archived and validated as it arrives.
                    201 stored (a lower revision of the same lender and period is superseded), 200 the same
                    bytes were stored before (the original receipt), 422 rejected by validation (the receipt
                    carries every finding). 201, 200, 422, 403 and 409 are audit events.
                  requestBody:
                    $ref: "#/components/requestBodies/Filing"
                  responses:
                    "201":
                      description: Accepted and stored.
                      content:
                        application/json:
                          schema:
                            allOf:
                              - $ref: "#/components/schemas/Receipt"
                              - properties:
                                  status:
                                    const: stored
                                  verdict:
                                    const: ACCEPT
                      links:
                        getReceipt:
                          operationId: getReceipt
                          parameters:
                            receipt: $response.body#/receipt
                        getFilingDocument:
                          operationId: getFilingDocument
                          parameters:
                            receipt: $response.body#/receipt
                    "200":
                      description: The same bytes were stored before; the original receipt, nothing changed.
                      content:
                        application/json:
                          schema:
                            allOf:
                              - $ref: "#/components/schemas/Receipt"
                              - properties:
                                  status:
                                    const: duplicate
                    "400":
                      $ref: "#/components/responses/BadUpload"
                    "401":
                      $ref: "#/components/responses/Unauthorized"
                    "403":
                      description: >-
                        Not a lender account, or the filing's Lender@uscc is not the token's USCC (recorded in
                        the audit log).
                      content:
                        application/json:
                          schema:
                            $ref: "#/components/schemas/Error"
                    "409":
                      description: >-
                        The same lender, period and revision is already stored with other content: file a
                        higher revision.
                      content:
                        application/json:
                          schema:
                            $ref: "#/components/schemas/Error"
                    "408":
                      $ref: "#/components/responses/Stalled"
                    "413":
                      $ref: "#/components/responses/TooLarge"
                    "422":
                      description: Rejected by validation; the receipt has every finding; no figures stored.
                      content:
                        application/json:
                          schema:
                            allOf:
                              - $ref: "#/components/schemas/Receipt"
                              - properties:
                                  status:
                                    const: rejected
                                  verdict:
                                    const: REJECT
                      links:
                        getReceipt:
                          operationId: getReceipt
                          parameters:
                            receipt: $response.body#/receipt
                    "503":
                      $ref: "#/components/responses/Unavailable"
                get:
                  operationId: listFilings
                  tags: [filing]
                  summary: Lists filings (receipts without findings); a lender sees its own (any role).
                  parameters:
                    - $ref: "#/components/parameters/Period"
                  responses:
                    "200":
                      description: The filings.
                      content:
                        application/json:
                          schema:
                            $ref: "#/components/schemas/FilingList"
                      links:
                        getReceipt:
                          operationId: getReceipt
                          parameters:
                            receipt: $response.body#/filings/0/receipt
                        getFilingDocument:
                          operationId: getFilingDocument
                          parameters:
                            receipt: $response.body#/filings/0/receipt
                    "400":
                      $ref: "#/components/responses/BadQuery"
                    "401":
                      $ref: "#/components/responses/Unauthorized"
                    "503":
                      $ref: "#/components/responses/Unavailable"
              /v1/filings/{receipt}:
                parameters:
                  - $ref: "#/components/parameters/Receipt"
                get:
                  operationId: getReceipt
                  tags: [filing]
                  summary: One receipt, with its findings (its lender, city, admin).
                  responses:
                    "200":
                      description: The receipt.
                      content:
                        application/json:
                          schema:
                            $ref: "#/components/schemas/Receipt"
                    "401":
                      $ref: "#/components/responses/Unauthorized"
                    "403":
                      $ref: "#/components/responses/Forbidden"
                    "404":
                      $ref: "#/components/responses/NotFound"
                    "503":
                      $ref: "#/components/responses/Unavailable"
              /v1/filings/{receipt}/document:
                parameters:
                  - $ref: "#/components/parameters/Receipt"
                get:
                  operationId: getFilingDocument
                  tags: [filing]
                  summary: The filed bytes, as received (its lender, city, admin).
                  responses:
                    "200":
                      description: The filing, byte for byte.
                      headers:
                        Content-Disposition:
                          description: attachment; filename="GLR-….xml"
                          schema:
                            type: string
                      content:
                        application/xml:
                          schema:
                            type: string
                            format: binary
                    "401":
                      $ref: "#/components/responses/Unauthorized"
                    "403":
                      $ref: "#/components/responses/Forbidden"
                    "404":
                      description: >-
                        No such receipt for this account, or its bytes were not archived (filings ingested
                        without an archive keep only their figures).
                      content:
                        application/json:
                          schema:
                            $ref: "#/components/schemas/Error"
                    "503":
                      $ref: "#/components/responses/Unavailable"
              /v1/aggregate:
                get:
                  operationId: getAggregate
                  tags: [roll-ups]
                  summary: The roll-up (district, city, admin).
                  description: >-
                    `greenledger-aggregate`, the same document as `greenledger aggregate --db DB --period P
                    [--district D] --format json`. A district account gets its own district.
                  parameters:
                    - $ref: "#/components/parameters/Period"
                    - $ref: "#/components/parameters/District"
                  responses:
                    "200":
                      description: The roll-up.
                      content:
                        application/json:
                          schema:
                            $ref: "#/components/schemas/Aggregate"
                    "400":
                      $ref: "#/components/responses/BadQuery"
                    "401":
                      $ref: "#/components/responses/Unauthorized"
                    "403":
                      $ref: "#/components/responses/Forbidden"
                    "404":
                      $ref: "#/components/responses/NothingFiled"
                    "503":
                      $ref: "#/components/responses/Unavailable"
              /v1/report:
                get:
                  operationId: getReport
                  tags: [roll-ups]
                  summary: The quarterly report, as `greenledger report` writes it (district, city, admin).
                  parameters:
                    - $ref: "#/components/parameters/Period"
                    - $ref: "#/components/parameters/District"
                    - name: format
                      in: query
                      description: >-
                        The report's format (CSV is a directory of files: use `greenledger report` for it).
                      schema:
                        type: string
                        enum: [html, md, xlsx, json]
                        default: html
                    - name: lang
                      in: query
                      description: The report's language.
                      schema:
                        type: string
                        enum: [zh, en, both]
                        default: both
                  responses:
                    "200":
                      description: The report, in the media type of its format.
                      content:
                        text/html:
                          schema:
                            type: string
                        text/markdown:
                          schema:
                            type: string
                        application/vnd.openxmlformats-officedocument.spreadsheetml.sheet:
                          schema:
                            type: string
                            format: binary
                        application/json:
                          schema:
                            $ref: "#/components/schemas/ReportDocument"
                    "400":
                      $ref: "#/components/responses/BadQuery"
                    "401":
                      $ref: "#/components/responses/Unauthorized"
                    "403":
                      $ref: "#/components/responses/Forbidden"
                    "404":
                      $ref: "#/components/responses/NothingFiled"
                    "503":
                      $ref: "#/components/responses/Unavailable"
              /v1/audit:
                get:
                  operationId: getAuditLog
                  tags: [audit]
                  summary: The audit log, oldest first (city, admin).
                  parameters:
                    - name: since
                      in: query
                      description: Only the events at or after this time (RFC 3339).
                      schema:
                        type: string
                        format: date-time
                        maxLength: 64
                      example: "2026-11-30T00:00:00Z"
                  responses:
                    "200":
                      description: The events.
                      content:
                        application/json:
                          schema:
                            $ref: "#/components/schemas/AuditLog"
                    "400":
                      $ref: "#/components/responses/BadQuery"
                    "401":
                      $ref: "#/components/responses/Unauthorized"
                    "403":
                      $ref: "#/components/responses/Forbidden"
                    "503":
                      $ref: "#/components/responses/Unavailable"
            components:
              securitySchemes:
                bearerAuth:
                  type: http
                  scheme: bearer
                  bearerFormat: \#(AccessToken.prefix)…
                  description: >-
                    `Authorization: Bearer \#(AccessToken.prefix)…`, a token printed once by `greenledger
                    accounts add` (`\#(AccessToken.prefix)` and 32 random bytes in base64url).
              parameters:
                Period:
                  name: period
                  in: query
                  description: >-
                    A reporting period, a quarter (2026-Q3) or a year (2026: the annual filings, not the
                    quarters of the year), matched exactly as in roll-ups; all periods when absent.
                  schema:
                    type: string
                    pattern: "^20[0-9]{2}(-Q[1-4])?$"
                  example: 2026-Q3
                District:
                  name: district
                  in: query
                  description: >-
                    A Shenzhen district code. A district account that names none gets its own; naming another
                    gets 403. The whole city when absent (city, admin).
                  schema:
                    type: string
                    enum: [\#(districts)]
                  example: "440307"
                Receipt:
                  name: receipt
                  in: path
                  required: true
                  description: A receipt id.
                  schema:
                    $ref: "#/components/schemas/ReceiptID"
              requestBodies:
                Filing:
                  required: true
                  description: >-
                    The filing (disclosure format v1), streamed; at most `--max-upload-mb` MiB (default 1024).
                  content:
                    application/xml:
                      schema:
                        $ref: "#/components/schemas/FilingBytes"
                    text/xml:
                      schema:
                        $ref: "#/components/schemas/FilingBytes"
              responses:
                Unauthorized:
                  description: No valid, unrevoked bearer token.
                  headers:
                    WWW-Authenticate:
                      schema:
                        type: string
                        const: Bearer realm="greenledger"
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/Error"
                Forbidden:
                  description: Outside the account's role or scope.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/Error"
                NotFound:
                  description: No such receipt for this account (another lender's is not revealed).
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/Error"
                NothingFiled:
                  description: Nothing has been filed yet.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/Error"
                BadQuery:
                  description: A query parameter outside its pattern or values.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/Error"
                BadUpload:
                  description: An empty body, or an upload that broke off.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/Error"
                Stalled:
                  description: >-
                    The upload held a validation slot but sent less than 16 KiB in `--stall-seconds` (default 60)
                    of waiting; nothing is kept.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/Error"
                TooLarge:
                  description: The body is larger than `--max-upload-mb`; cut off as soon as it passes it.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/Error"
                Unavailable:
                  description: The filing history cannot be read or written just now (the server logs why).
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/Error"
              schemas:
                Error:
                  type: object
                  required: [error, hint]
                  properties:
                    error:
                      type: string
                      description: What went wrong, a sentence.
                    hint:
                      type: string
                      description: What to do about it; empty when there is nothing to add.
                FilingBytes:
                  type: string
                  format: binary
                  minLength: 1
                  description: The filing's bytes (an empty body is 400).
                Health:
                  type: object
                  required: [status, version]
                  properties:
                    status:
                      const: ok
                    version:
                      type: string
                ReceiptID:
                  type: string
                  description: "`GLR-` and 24 lower-case hex digits; never reused."
                  pattern: "^GLR-[0-9a-f]{24}$"
                  examples: [GLR-0123456789abcdef01234567]
                SHA256:
                  type: string
                  pattern: "^[0-9a-f]{64}$"
                Finding:
                  type: object
                  description: One finding, with the fields of `greenledger-validate/1`.
                  required: [rule, severity, file, line, column, message]
                  properties:
                    rule:
                      type: string
                      pattern: "^GL-[A-Z]+-[0-9]{3}$"
                      examples: [GL-GREEN-008]
                    severity:
                      type: string
                      enum: [error, warning, note]
                    file:
                      type: string
                      description: "`upload` for a filing sent to the service."
                    line:
                      type: integer
                      minimum: 0
                    column:
                      type: integer
                      minimum: 0
                    message:
                      type: string
                    hint:
                      type: string
                      description: How to fix it; absent when there is none.
                    loan_id:
                      type: string
                      description: The loan the finding is about; absent when none.
                FilingHeader:
                  type: object
                  description: The filing's Header, as read.
                  required: [lender_uscc, lender_kind, revision, currency]
                  properties:
                    lender_uscc:
                      type: string
                    lender_kind:
                      type: string
                    lender_name_zh:
                      type: string
                    lender_name_en:
                      type: string
                    period:
                      type: string
                    revision:
                      type: integer
                    prepared_on:
                      type: string
                    currency:
                      type: string
                ValidationEntry:
                  type: object
                  description: One filing's entry of `greenledger-validate/1`.
                  required: [file, verdict, errors, warnings, loans, bytes, counts_by_rule, findings]
                  properties:
                    file:
                      type: string
                    verdict:
                      type: string
                      enum: [ACCEPT, REJECT]
                    errors:
                      type: integer
                      minimum: 0
                    warnings:
                      type: integer
                      minimum: 0
                    loans:
                      type: integer
                      minimum: 0
                    bytes:
                      type: integer
                      minimum: 0
                    header:
                      $ref: "#/components/schemas/FilingHeader"
                    counts_by_rule:
                      type: object
                      additionalProperties:
                        type: integer
                        minimum: 1
                    findings:
                      type: array
                      items:
                        $ref: "#/components/schemas/Finding"
                ReceiptSummary:
                  description: A receipt without its findings, as filing lists give it.
                  allOf:
                    - $ref: "#/components/schemas/ReceiptFields"
                  properties:
                    findings: false
                ReceiptFields:
                  type: object
                  description: The fields of every receipt, with or without its findings.
                  required:
                    - schema
                    - receipt
                    - status
                    - verdict
                    - lender
                    - period
                    - revision
                    - sha256
                    - bytes
                    - loans
                    - errors
                    - warnings
                    - received_at
                    - account
                    - supersedes
                    - superseded_by
                  properties:
                    schema:
                      const: \#(Receipt.schema)
                    receipt:
                      $ref: "#/components/schemas/ReceiptID"
                    status:
                      type: string
                      enum: [stored, duplicate, rejected]
                    verdict:
                      type: string
                      enum: [ACCEPT, REJECT]
                    lender:
                      type: object
                      required: [uscc]
                      properties:
                        uscc:
                          type: string
                          description: The Lender@uscc the filing names (empty when it names none).
                        name:
                          type: string
                    period:
                      description: The reporting period; null when the filing names none (rejected).
                      type: [string, "null"]
                    revision:
                      type: integer
                    sha256:
                      $ref: "#/components/schemas/SHA256"
                    bytes:
                      type: integer
                      minimum: 0
                    loans:
                      type: integer
                      minimum: 0
                    errors:
                      type: integer
                      minimum: 0
                    warnings:
                      type: integer
                      minimum: 0
                    received_at:
                      type: string
                      format: date-time
                    account:
                      type: string
                      description: The account that filed it (`cli` for `greenledger ingest`).
                    supersedes:
                      description: The receipt of the lower revision this filing superseded, if any.
                      oneOf:
                        - $ref: "#/components/schemas/ReceiptID"
                        - type: "null"
                    superseded_by:
                      description: >-
                        The receipt of the highest stored revision of the same lender and period above this
                        one, which replaces it in roll-ups (whichever was filed first); null when this one
                        counts or was not stored.
                      oneOf:
                        - $ref: "#/components/schemas/ReceiptID"
                        - type: "null"
                Receipt:
                  description: >-
                    `\#(Receipt.schema)`: what became of a filing. `findings` keeps every finding (at most
                    \#(FilingIntake.findingsPerRule) per rule; `errors` and `warnings` count all).
                  allOf:
                    - $ref: "#/components/schemas/ReceiptFields"
                  required: [findings]
                  properties:
                    findings:
                      type: array
                      items:
                        $ref: "#/components/schemas/Finding"
                FilingList:
                  type: object
                  required: [schema, filings]
                  properties:
                    schema:
                      const: greenledger-filings/1
                    filings:
                      type: array
                      items:
                        $ref: "#/components/schemas/ReceiptSummary"
                AuditEvent:
                  type: object
                  required: [at, account, role, action, receipt, sha256, detail]
                  properties:
                    at:
                      type: string
                      format: date-time
                    account:
                      type: string
                      description: The account that acted (`cli` for the command line).
                    role:
                      type: string
                      enum: [lender, district, city, admin, operator]
                    action:
                      type: string
                      enum: [file, reject, forbid, conflict, duplicate, account-add, account-revoke]
                    receipt:
                      oneOf:
                        - $ref: "#/components/schemas/ReceiptID"
                        - type: "null"
                    sha256:
                      oneOf:
                        - $ref: "#/components/schemas/SHA256"
                        - type: "null"
                    detail:
                      type: string
                AuditLog:
                  type: object
                  required: [schema, events]
                  properties:
                    schema:
                      const: greenledger-audit/1
                    events:
                      type: array
                      description: Oldest first.
                      items:
                        $ref: "#/components/schemas/AuditEvent"
                Aggregate:
                  type: object
                  description: >-
                    `\#(AggregateReport.schema)`; keys, types and units in Docs/json-output.md.
                  required: [schema]
                  properties:
                    schema:
                      const: \#(AggregateReport.schema)
                  additionalProperties: true
                ReportDocument:
                  type: object
                  description: >-
                    `\#(QuarterlyReport.schema)`, the report with `format=json`; keys in Docs/json-output.md.
                  required: [schema]
                  properties:
                    schema:
                      const: \#(QuarterlyReport.schema)
                  additionalProperties: true

            """#
    }
}
