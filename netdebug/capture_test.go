package netdebug

import (
	"bytes"
	"context"
	"fmt"
	"github.com/tfkit/tfkit/internal/testwait"
	"net"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcap"
	"github.com/tfkit/tfkit/netdebug/decode"
	"github.com/vishvananda/netns"
	"golang.org/x/sys/unix"
)

// sendUntil sends datagrams every 10 ms until done is closed.
func sendUntil(c *net.UDPConn, payload func(i int) []byte, done <-chan struct{}) {
	for i := 0; ; i++ {
		select {
		case <-done:
			return
		default:
		}
		c.Write(payload(i))
		time.Sleep(10 * time.Millisecond)
	}
}

func TestCaptureOnVethInNamespacePrintsLines(t *testing.T) {
	l := newTestLink(t)
	before, err := netns.Get()
	if err != nil {
		t.Fatal(err)
	}
	defer before.Close()
	capt, err := OpenCapture(CaptureOptions{Netns: l.A, Filter: "udp port 9999", Count: 5, Duration: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer capt.Close()
	if now, _ := netns.Get(); !now.Equal(before) {
		t.Fatalf("the test thread was left in another network namespace")
	}
	conn := udpFrom(t, l.A, &net.UDPAddr{IP: l.AddrB, Port: 9999})
	done := make(chan struct{})
	go sendUntil(conn, func(i int) []byte { return []byte(fmt.Sprintf("tfcap-%03d", i)) }, done)
	defer close(done)

	var out testwait.Buffer
	sum, err := capt.Run(context.Background(), NewTextSink(&out, capt.LinkType(), decode.Options{}))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if sum.Captured != 5 || len(lines) != 5 {
		t.Fatalf("captured %d, printed %d lines:\n%s", sum.Captured, len(lines), out.String())
	}
	src := fmt.Sprintf("IP 169.254.77.1.%d > 169.254.77.2.9999: UDP, length 9", conn.LocalAddr().(*net.UDPAddr).Port)
	for _, ln := range lines {
		if !strings.HasSuffix(ln, src) {
			t.Errorf("line %q, want it to end with %q", ln, src)
		}
	}
	if sum.Received < 5 {
		t.Errorf("summary %+v: the kernel counted fewer packets than were delivered", sum)
	}
}

func TestCaptureWritesPcapFileReadBack(t *testing.T) {
	l := newTestLink(t)
	capt, err := OpenCapture(CaptureOptions{Netns: l.B, Interface: "eth0", Filter: "udp and dst port 6635", Count: 4, Duration: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer capt.Close()
	// MPLS over UDP as a vRouter sends it: label 18, then a pod's ping.
	iip, icmp, pl := innerICMP()
	mpls := serialize(t, &layers.MPLS{Label: 18, StackBottom: true, TTL: 64}, iip, icmp, pl)
	conn := udpFrom(t, l.A, &net.UDPAddr{IP: l.AddrB, Port: decode.PortMPLSoUDP})
	done := make(chan struct{})
	go sendUntil(conn, func(int) []byte { return mpls }, done)
	defer close(done)

	path := filepath.Join(t.TempDir(), "live.pcap")
	f, err := CreatePcapFile(path, capt.Snaplen(), capt.LinkType())
	if err != nil {
		t.Fatal(err)
	}
	sum, err := capt.Run(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	lines := readPcapLines(t, path)
	if sum.Captured != 4 || len(lines) != 4 {
		t.Fatalf("captured %d, file holds %d", sum.Captured, len(lines))
	}
	want := fmt.Sprintf("IP 169.254.77.1.%d > 169.254.77.2.6635: MPLSoUDP label 18: IP 10.47.255.249 > 10.47.255.250: ICMP echo request, id 7, seq 1, length 64",
		conn.LocalAddr().(*net.UDPAddr).Port)
	for _, ln := range lines {
		if !strings.HasSuffix(ln, want) {
			t.Errorf("read back %q, want suffix %q", ln, want)
		}
	}
}

// cancelAfter is a sink that cancels the capture once it wrote n packets.
type cancelAfter struct {
	PacketSink
	n      int
	cancel context.CancelFunc
}

func (c *cancelAfter) WritePacket(ci gopacket.CaptureInfo, data []byte) error {
	if c.n--; c.n == 0 {
		c.cancel()
	}
	return c.PacketSink.WritePacket(ci, data)
}

func TestCaptureCancelKeepsWholeRecords(t *testing.T) {
	l := newTestLink(t)
	capt, err := OpenCapture(CaptureOptions{Netns: l.A, Interface: "any", Filter: "udp port 9999"})
	if err != nil {
		t.Fatal(err)
	}
	defer capt.Close()
	conn := udpFrom(t, l.A, &net.UDPAddr{IP: l.AddrB, Port: 9999})
	done := make(chan struct{})
	go sendUntil(conn, func(i int) []byte { return bytes.Repeat([]byte{'x'}, 1000) }, done)
	defer close(done)

	path := filepath.Join(t.TempDir(), "cut.pcap")
	f, err := CreatePcapFile(path, capt.Snaplen(), capt.LinkType())
	if err != nil {
		t.Fatal(err)
	}
	// Ctrl-C in the middle of the stream: the cancel comes while
	// packets are flowing, after the third is written.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sum, err := capt.Run(ctx, &cancelAfter{PacketSink: f, n: 3, cancel: cancel})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	lines := readPcapLines(t, path)
	if sum.Captured < 3 || len(lines) != sum.Captured {
		t.Fatalf("captured %d (summary %+v), the file holds %d whole records", sum.Captured, sum, len(lines))
	}
	if !strings.Contains(lines[0], "UDP, length 1000") {
		t.Errorf("first record %q", lines[0])
	}
}

func TestCaptureErrors(t *testing.T) {
	l := newTestLink(t)
	_, err := OpenCapture(CaptureOptions{Netns: l.A, Interface: "eth7"})
	if err == nil || !strings.Contains(err.Error(), "no interface eth7") || !strings.Contains(err.Error(), "any, eth0, lo") {
		t.Errorf("missing interface: %v", err)
	}
	_, err = OpenCapture(CaptureOptions{Netns: l.A, Filter: "udp port nine"})
	if err == nil || !strings.Contains(err.Error(), "bad BPF filter") {
		t.Errorf("bad filter: %v", err)
	}
	_, err = OpenCapture(CaptureOptions{Netns: "/var/run/netns/tfcap-none-such"})
	if err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("missing netns: %v", err)
	}
}

func TestExecInNetnsSeesOnlyTheNamespace(t *testing.T) {
	l := newTestLink(t)
	var out, errOut bytes.Buffer
	code, err := ExecInNetns(l.B, []string{"ip", "-o", "-4", "addr", "show"}, nil, &out, &errOut)
	if err != nil || code != 0 {
		t.Fatalf("code %d err %v stderr %s", code, err, errOut.String())
	}
	if !strings.Contains(out.String(), "169.254.77.2/30") || strings.Contains(out.String(), "169.254.77.1/") {
		t.Errorf("ip addr inside B:\n%s", out.String())
	}
	code, err = ExecInNetns(l.B, []string{"sh", "-c", "exit 7"}, nil, &out, &errOut)
	if err != nil || code != 7 {
		t.Errorf("exit 7: code %d err %v", code, err)
	}
	code, err = ExecInNetns(l.B, []string{"sh", "-c", "kill -TERM $$"}, nil, &out, &errOut)
	if err != nil || code != 143 {
		t.Errorf("killed by SIGTERM: code %d err %v", code, err)
	}
	code, err = ExecInNetns(l.B, []string{"tfcap-no-such-command"}, nil, &out, &errOut)
	if err == nil || code != 127 {
		t.Errorf("missing command: code %d err %v", code, err)
	}
}

// TestCaptureVLANTagPutBack sends 802.1Q-tagged frames into the veth: the
// kernel takes the tag out of the frame on receive (keeping it as
// metadata), the filter "vlan 100" must still match (libpcap compiles it
// for the live interface) and the line must show the tag, put back.
func TestCaptureVLANTagPutBack(t *testing.T) {
	l := newTestLink(t)
	capt, err := OpenCapture(CaptureOptions{Netns: l.B, Interface: "eth0", Filter: "vlan 100 and udp port 9999", Count: 3, Duration: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer capt.Close()
	ip := &layers.IPv4{Version: 4, TTL: 64, Protocol: layers.IPProtocolUDP, SrcIP: l.AddrA, DstIP: l.AddrB}
	udp := &layers.UDP{SrcPort: 40000, DstPort: 9999}
	udp.SetNetworkLayerForChecksum(ip)
	frame := serialize(t, &layers.Ethernet{SrcMAC: net.HardwareAddr{2, 0, 0, 0, 0, 1}, DstMAC: layers.EthernetBroadcast, EthernetType: layers.EthernetTypeDot1Q},
		&layers.Dot1Q{VLANIdentifier: 100, Type: layers.EthernetTypeIPv4}, ip, udp, gopacket.Payload("tagged"))
	send := rawSender(t, l.A, "eth0")
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-done:
				return
			case <-time.After(10 * time.Millisecond):
				send(frame)
			}
		}
	}()
	defer close(done)
	var out testwait.Buffer
	sum, err := capt.Run(context.Background(), NewTextSink(&out, capt.LinkType(), decode.Options{}))
	if err != nil || sum.Captured != 3 {
		t.Fatalf("captured %+v, %v:\n%s", sum, err, out.String())
	}
	for _, ln := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		if want := "vlan 100, IP 169.254.77.1.40000 > 169.254.77.2.9999: UDP, length 6"; !strings.HasSuffix(ln, want) {
			t.Errorf("line %q, want it to end with %q", ln, want)
		}
	}
}

// rawSender writes whole Ethernet frames to an interface of namespace ns.
func rawSender(t *testing.T, ns, ifname string) func([]byte) {
	t.Helper()
	var fd, index int
	err := InNetns(ns, func() error {
		ifc, err := net.InterfaceByName(ifname)
		if err != nil {
			return err
		}
		index = ifc.Index
		fd, err = unix.Socket(unix.AF_PACKET, unix.SOCK_RAW, 0)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { unix.Close(fd) })
	return func(frame []byte) { unix.Sendto(fd, frame, 0, &unix.SockaddrLinklayer{Ifindex: index}) }
}

// TestDeadCompileMatchesLive backs compileForRing: for filters without
// the primitives needsLiveCompile lists, compiling for the bare link type
// gives the program libpcap compiles on the live interface.
func TestDeadCompileMatchesLive(t *testing.T) {
	l := newTestLink(t)
	filters := []string{"", "udp port 6635", "udp port 6635 or udp port 4789 or proto gre", "tcp port 443 and host 10.0.0.1",
		"icmp or icmp6", "ether host 02:00:00:00:00:01", "net 10.47.0.0/16", "arp", "ip6 and tcp", "udp dst port 9999"}
	for _, f := range filters {
		if needsLiveCompile(f) {
			t.Errorf("%q: needs a live compile?", f)
		}
	}
	for _, f := range []string{"vlan 100", "ip broadcast", "inbound and udp", "mpls 18"} {
		if !needsLiveCompile(f) {
			t.Errorf("%q: must be compiled on the interface", f)
		}
	}
	err := InNetns(l.A, func() error {
		h, err := activate(CaptureOptions{Interface: "eth0", Snaplen: DefaultSnaplen}, 64<<10)
		if err != nil {
			return err
		}
		defer h.Close()
		for _, f := range filters {
			live, err := h.CompileBPFFilter(f)
			if err != nil {
				return err
			}
			dead, err := pcap.CompileBPFFilter(layers.LinkTypeEthernet, DefaultSnaplen, f)
			if err != nil {
				return err
			}
			if !reflect.DeepEqual(live, dead) {
				t.Errorf("%q: live and bare-link programs differ:\n%v\n%v", f, live, dead)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestStopKeepsWhatArrived: packets that arrived just before a stop sit in
// a ring block the kernel has not handed over yet; the capture waits for
// it instead of dropping them (tcpdump loses them).
func TestStopKeepsWhatArrived(t *testing.T) {
	l := newTestLink(t)
	capt, err := OpenCapture(CaptureOptions{Netns: l.B, Interface: "eth0", Filter: "udp port 9999"})
	if err != nil {
		t.Fatal(err)
	}
	defer capt.Close()
	conn := udpFrom(t, l.A, &net.UDPAddr{IP: l.AddrB, Port: 9999})
	for i := 0; i < 10; i++ {
		conn.Write([]byte("before the stop"))
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // Ctrl-C right after they were sent
	var out testwait.Buffer
	sum, err := capt.Run(ctx, NewTextSink(&out, capt.LinkType(), decode.Options{}))
	// (Some of the ten may wait for ARP and never come: what counts is
	// that every packet the kernel took is there.)
	if err != nil || sum.Captured == 0 || sum.Captured != sum.Received || strings.Count(out.String(), "UDP, length 15") != sum.Captured {
		t.Errorf("captured %+v, %v:\n%s", sum, err, out.String())
	}
}
