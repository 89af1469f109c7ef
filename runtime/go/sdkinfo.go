// The values a generated SDK's sdkinfo.go (templates/go/sdkinfo.go.j2) gives the runtime, here with test values
// for the runtime's own tests. The generator never ships this file: each SDK gets the template's.

package clientgenruntime

// SDKName and SDKVersion name this SDK in the User-Agent header.
const (
	SDKName    = "runtime-test"
	SDKVersion = "0.0.1"
)

// DefaultBaseURL is where the service lives according to its spec ("": nowhere; NewClient then needs one).
const DefaultBaseURL = ""

const clientgenVersion = "0.0.0-test"

// rawSendAuth is where Send puts the credential: in the place of the spec's first security scheme, else as
// Authorization: Bearer.
var rawSendAuth = &authScheme{"header", "Authorization", "bearer"}
