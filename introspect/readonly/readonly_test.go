package readonly

import "testing"

// No state-changing request may ever be on the allowlist or the probes.
func TestForbiddenNeverAllowed(t *testing.T) {
	for _, r := range Forbidden {
		if Check(r) == nil || CheckWithProbes(r) == nil {
			t.Errorf("%s is state-changing but passes the policy", r)
		}
		if Check("Snh_"+r+"?x=1") == nil {
			t.Errorf("path of %s passes the policy", r)
		}
	}
	if len(Forbidden) < 10 {
		t.Fatalf("only %d forbidden requests listed", len(Forbidden))
	}
}

// Probes pass only CheckWithProbes.
func TestProbesNeedProbePolicy(t *testing.T) {
	for _, r := range Probes() {
		if Check(r) == nil {
			t.Errorf("probe %s passes the read-only policy", r)
		}
		if err := CheckWithProbes("Snh_" + r + "?source_ip=1"); err != nil {
			t.Errorf("probe %s refused with probes allowed: %v", r, err)
		}
	}
}

func TestCheckPaths(t *testing.T) {
	for path, ok := range map[string]bool{
		"Snh_ShowRouteReq?x=1":                   true,
		"/Snh_BgpNeighborReq":                    true,
		"Snh_PageReq?x=begin:-1,end:-1,table:db": true,
		"ItfReq":                                 true,
		"Snh_NoSuchReq":                          false,
		"Snh_ClearBgpNeighborReq?name=x":         false,
		"":                                       false,
	} {
		err := Check(path)
		if (err == nil) != ok {
			t.Errorf("Check(%q) = %v, want allowed=%v", path, err, ok)
		}
		if err != nil {
			if _, isErr := err.(*Error); !isErr {
				t.Errorf("Check(%q) error %T, want *Error", path, err)
			}
		}
	}
	if Name("Snh_KNHReq?x=1") != "KNHReq" {
		t.Errorf("Name: %q", Name("Snh_KNHReq?x=1"))
	}
}
