package topo

import (
	"crypto/sha256"
	"fmt"
)

// uuidFor returns a stable version-4-shaped UUID for one object: the same
// seed, kind and name always give the same UUID, so runs are reproducible.
func uuidFor(seed int64, kind, name string) string {
	h := sha256.Sum256([]byte(fmt.Sprintf("refnode/%d/%s/%s", seed, kind, name)))
	b := h[:16]
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// macFor derives an interface MAC from its UUID the way Contrail's API
// server does: 02 followed by the first five bytes of the UUID.
func macFor(uuid string) string {
	h := uuid[0:8] + uuid[9:11]
	return fmt.Sprintf("02:%s:%s:%s:%s:%s", h[0:2], h[2:4], h[4:6], h[6:8], h[8:10])
}

// tapName is the vRouter interface name of a VMI: "tap" + 11 characters of
// its UUID (e.g. tap1d7a1d2e-c3), as the real agent names them.
func tapName(vmiUUID string) string { return "tap" + vmiUUID[:11] }
