/// The OpenAPI 3.1 description of the filing service, served at `/openapi.yaml`.
enum OpenAPIDocument {
    static func yaml(version: String) -> String {
        """
        openapi: 3.1.0
        info:
          title: GreenLedger filing service
          version: "\(version)"
        paths: {}
        """
    }
}
