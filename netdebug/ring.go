package netdebug

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"sync/atomic"
	"syscall"
	"time"
	"unsafe"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/pcap"
	"golang.org/x/sys/unix"
)

// ring reads an Ethernet interface through a TPACKET_V3 memory-mapped
// ring of its own instead of libpcap's, for two reasons bench/capture.sh
// measured: reading the ring needs no cgo call per packet, and waiting
// for the next block goes through Go's network poller, so an idle or
// slow capture costs no CPU (a goroutine blocked in libpcap's poll keeps
// the Go runtime's monitor thread waking up every millisecond or so).
// libpcap still compiles the filter, on the interface, like tcpdump.
type ring struct {
	fd      int
	file    *os.File // fd, registered with the poller
	raw     syscall.RawConn
	mem     []byte
	bsize   int // block size
	nblocks int
	cur     int  // block being read
	held    bool // cur belongs to us until released
	left    int  // packets of cur not read yet
	off     int  // offset of the next packet in cur
	snaplen int
	// handOver is the kernel's block retire timeout.
	handOver time.Duration
	vlanBuf  []byte // a frame with the VLAN tag the kernel took out put back
	ready    func(fd uintptr) bool
	counted  struct{ packets, drops uint64 } // PACKET_STATISTICS resets on each read
	// The interface's own drop counter, in the capture's namespace (nil
	// when it could not be read), and its value at the start.
	ifDrops  *ifaceDrops
	ifDrops0 uint64
}

// Ring geometry. A block must hold the largest frame a veth with
// offloads hands up (64 KiB). Each block handed over costs a wake-up, and
// in a Go program a wake-up costs more than in tcpdump (the runtime's
// monitor thread spins up again each time the process leaves idle), so
// the blocks are large: 1 MiB holds ~6500 small packets, 30 wake-ups a
// second at 200k packets/s (bench/capture.sh measured 0.27 µs per packet
// with 256 KiB blocks, 0.19 µs with 1 MiB). The default ring is 4 MiB,
// four blocks, so the capture may fall 3 blocks behind before the kernel
// drops; a smaller -B gets smaller blocks (never under 128 KiB).
const (
	ringMaxBlock   = 1 << 20
	ringMinBlock   = 128 << 10
	ringFrameSize  = 2048 // only checked by the kernel for V3 (frames vary)
	ringDefaultMiB = 4
)

// ringGeometry splits a buffer into blocks: four at least, each a power of
// two between ringMinBlock and ringMaxBlock.
func ringGeometry(bufferMiB int) (blockSize, blocks int) {
	if bufferMiB <= 0 {
		bufferMiB = ringDefaultMiB
	}
	total := bufferMiB << 20
	blockSize = ringMaxBlock
	for blockSize > ringMinBlock && total/blockSize < 4 {
		blockSize /= 2
	}
	return blockSize, max(total/blockSize, 2)
}

// errNoPacket says the ring has nothing to read now: wait, then read again.
var errNoPacket = errors.New("no packet buffered")

// openRing opens a packet socket on interface ifindex of the current
// network namespace (the caller is on the namespace's locked thread).
// filter is a compiled BPF program; it is attached before the socket is
// bound, so no packet arrives unfiltered.
func openRing(ifindex int, filter []pcap.BPFInstruction, o CaptureOptions) (*ring, error) {
	bsize, nblocks := ringGeometry(o.BufferMiB)
	// Protocol 0: nothing is delivered until bind names the protocol.
	fd, err := unix.Socket(unix.AF_PACKET, unix.SOCK_RAW|unix.SOCK_CLOEXEC|unix.SOCK_NONBLOCK, 0)
	if err != nil {
		return nil, fmt.Errorf("packet socket: %w", err)
	}
	r := &ring{fd: fd, bsize: bsize, nblocks: nblocks, snaplen: o.Snaplen, handOver: o.HandOver}
	fail := func(what string, err error) (*ring, error) {
		r.close()
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	if err := unix.SetsockoptInt(fd, unix.SOL_PACKET, unix.PACKET_VERSION, unix.TPACKET_V3); err != nil {
		return fail("TPACKET_V3", err)
	}
	req := unix.TpacketReq3{Block_size: uint32(bsize), Block_nr: uint32(nblocks), Frame_size: ringFrameSize,
		Frame_nr: uint32(bsize / ringFrameSize * nblocks), Retire_blk_tov: uint32(max(o.HandOver.Milliseconds(), 1))}
	if err := unix.SetsockoptTpacketReq3(fd, unix.SOL_PACKET, unix.PACKET_RX_RING, &req); err != nil {
		return fail("packet ring", err)
	}
	if r.mem, err = unix.Mmap(fd, 0, bsize*nblocks, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED); err != nil {
		return fail("map packet ring", err)
	}
	prog := make([]unix.SockFilter, len(filter))
	for i, in := range filter {
		prog[i] = unix.SockFilter{Code: in.Code, Jt: in.Jt, Jf: in.Jf, K: in.K}
	}
	if len(prog) > 0 {
		if err := unix.SetsockoptSockFprog(fd, unix.SOL_SOCKET, unix.SO_ATTACH_FILTER, &unix.SockFprog{Len: uint16(len(prog)), Filter: &prog[0]}); err != nil {
			return fail("attach filter", err)
		}
	}
	if o.Promisc {
		mreq := unix.PacketMreq{Ifindex: int32(ifindex), Type: unix.PACKET_MR_PROMISC}
		if err := unix.SetsockoptPacketMreq(fd, unix.SOL_PACKET, unix.PACKET_ADD_MEMBERSHIP, &mreq); err != nil {
			return fail("promiscuous mode", err)
		}
	}
	if err := unix.Bind(fd, &unix.SockaddrLinklayer{Protocol: htons(unix.ETH_P_ALL), Ifindex: ifindex}); err != nil {
		return fail("bind packet socket", err)
	}
	// Counters start at the bind: read (and so reset) what came before.
	unix.GetsockoptTpacketStatsV3(fd, unix.SOL_PACKET, unix.PACKET_STATISTICS)
	r.file = os.NewFile(uintptr(fd), "packet-ring")
	r.fd = -1 // owned by file now
	if r.raw, err = r.file.SyscallConn(); err != nil {
		return fail("packet socket", err)
	}
	// Waiting needs the poller: a file it could not take would make
	// wait spin instead of sleep.
	if err := r.file.SetReadDeadline(time.Time{}); err != nil {
		return fail("packet socket not pollable", err)
	}
	r.ready = func(uintptr) bool { return r.blockReady(r.cur) }
	return r, nil
}

func htons(v uint16) uint16 { return v<<8 | v>>8 }

// Offsets in struct tpacket_block_desc (its tpacket_hdr_v1 at 8) and in
// struct tpacket3_hdr.
const (
	blkStatus, blkNumPkts, blkFirst                         = 8, 12, 16
	pktNext, pktSec, pktNsec, pktSnaplen, pktLen, pktStatus = 0, 4, 8, 12, 16, 20
	pktMac, pktVlanTCI, pktVlanTPID                         = 24, 32, 36
	vlanTagLen                                              = 4
	macAddrsLen                                             = 12
)

func (r *ring) block(i int) []byte { return r.mem[i*r.bsize : (i+1)*r.bsize] }

// blockReady reads the block's status word with acquire ordering: the
// kernel writes the packets, then flips the word to TP_STATUS_USER.
func (r *ring) blockReady(i int) bool {
	st := (*uint32)(unsafe.Pointer(&r.mem[i*r.bsize+blkStatus]))
	return atomic.LoadUint32(st)&unix.TP_STATUS_USER != 0
}

// next returns the next packet, or errNoPacket when the ring is drained.
// data is valid until the next call.
func (r *ring) next() ([]byte, gopacket.CaptureInfo, error) {
	for r.left == 0 {
		if r.held {
			st := (*uint32)(unsafe.Pointer(&r.mem[r.cur*r.bsize+blkStatus]))
			atomic.StoreUint32(st, unix.TP_STATUS_KERNEL) // give the block back
			r.held = false
			r.cur = (r.cur + 1) % r.nblocks
		}
		if !r.blockReady(r.cur) {
			return nil, gopacket.CaptureInfo{}, errNoPacket
		}
		b := r.block(r.cur)
		r.held = true
		r.left = int(binary.NativeEndian.Uint32(b[blkNumPkts:]))
		r.off = int(binary.NativeEndian.Uint32(b[blkFirst:]))
	}
	b := r.block(r.cur)
	h := b[r.off:]
	r.left--
	r.off += int(binary.NativeEndian.Uint32(h[pktNext:]))
	mac := int(binary.NativeEndian.Uint16(h[pktMac:]))
	capLen := int(binary.NativeEndian.Uint32(h[pktSnaplen:]))
	ci := gopacket.CaptureInfo{
		Timestamp:     time.Unix(int64(binary.NativeEndian.Uint32(h[pktSec:])), int64(binary.NativeEndian.Uint32(h[pktNsec:]))),
		CaptureLength: capLen,
		Length:        int(binary.NativeEndian.Uint32(h[pktLen:])),
	}
	data := h[mac : mac+capLen]
	if st := binary.NativeEndian.Uint32(h[pktStatus:]); st&unix.TP_STATUS_VLAN_VALID != 0 && capLen >= macAddrsLen {
		data, ci = r.withVLAN(h, st, data, ci)
	}
	return data, ci, nil
}

// withVLAN puts back the 802.1Q tag the NIC or the kernel stripped (as
// libpcap does), within the snapshot length.
func (r *ring) withVLAN(h []byte, status uint32, data []byte, ci gopacket.CaptureInfo) ([]byte, gopacket.CaptureInfo) {
	tpid := uint16(0x8100)
	if status&unix.TP_STATUS_VLAN_TPID_VALID != 0 {
		tpid = binary.NativeEndian.Uint16(h[pktVlanTPID:])
	}
	if r.vlanBuf == nil {
		r.vlanBuf = make([]byte, 0, r.bsize)
	}
	b := append(r.vlanBuf[:0], data[:macAddrsLen]...)
	b = binary.BigEndian.AppendUint16(b, tpid)
	b = binary.BigEndian.AppendUint16(b, uint16(binary.NativeEndian.Uint32(h[pktVlanTCI:])))
	b = append(b, data[macAddrsLen:]...)
	ci.Length += vlanTagLen
	if len(b) > r.snaplen {
		b = b[:r.snaplen]
	}
	ci.CaptureLength = len(b)
	return b, ci
}

// wait blocks until the kernel hands over a block, the read deadline
// passes (it is how Run is woken to stop) or the ring is closed.
func (r *ring) wait() error {
	return r.raw.Read(r.ready)
}

// settle waits (at most a hand-over period and a half) for the kernel to hand
// over the block it is filling when that block holds packets, so a stop
// loses nothing that arrived before it.
func (r *ring) settle() bool {
	if r.left > 0 {
		return true
	}
	deadline := time.Now().Add(r.handOver * 3 / 2)
	for !r.blockReady(r.cur) {
		pkts := (*uint32)(unsafe.Pointer(&r.mem[r.cur*r.bsize+blkNumPkts]))
		if atomic.LoadUint32(pkts) == 0 || time.Now().After(deadline) {
			return false
		}
		time.Sleep(5 * time.Millisecond)
	}
	return true
}

// interrupt wakes a wait at once; every later wait returns at once too.
func (r *ring) interrupt() { r.file.SetReadDeadline(time.Unix(1, 0)) }

// watchInterface opens the interface's drop counter; the caller is on
// the namespace's thread.
func (r *ring) watchInterface(name string) {
	if d, err := openIfaceDrops(netDevSelf, name); err == nil {
		r.ifDrops = d
		r.ifDrops0 = r.ifaceDrops()
	}
}

// ifaceDrops is the interface's drop count (the start's when it cannot be
// read now: no drops reported rather than a wrong figure).
func (r *ring) ifaceDrops() uint64 {
	if r.ifDrops == nil {
		return 0
	}
	n, err := r.ifDrops.read()
	if err != nil || n < r.ifDrops0 {
		return r.ifDrops0
	}
	return n
}

// counters are the kernel's counts since the bind: packets that passed
// the filter (dropped ones included, as libpcap counts them), those
// dropped because the ring was full, and the interface's drops.
func (r *ring) counters() Summary {
	packets, drops := r.stats()
	return Summary{Received: int(packets), DroppedKernel: int(drops), DroppedIface: int(r.ifaceDrops() - r.ifDrops0)}
}

// stats reads (and so resets) PACKET_STATISTICS and adds it up.
func (r *ring) stats() (packets, drops uint64) {
	var st *unix.TpacketStatsV3
	var err error
	r.raw.Control(func(fd uintptr) {
		st, err = unix.GetsockoptTpacketStatsV3(int(fd), unix.SOL_PACKET, unix.PACKET_STATISTICS)
	})
	if err == nil {
		r.counted.packets += uint64(st.Packets)
		r.counted.drops += uint64(st.Drops)
	}
	return r.counted.packets, r.counted.drops
}

func (r *ring) close() {
	if r.ifDrops != nil {
		r.ifDrops.close()
		r.ifDrops = nil
	}
	if r.file != nil {
		r.file.Close()
		r.file = nil
	}
	if r.mem != nil {
		unix.Munmap(r.mem)
		r.mem = nil
	}
	if r.fd >= 0 {
		unix.Close(r.fd)
		r.fd = -1
	}
}
