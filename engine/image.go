package engine

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path"
	"runtime"
	"sort"
	"time"
)

// ImageFile is one file of a scratch image.
type ImageFile struct {
	Path string // absolute path inside the image, e.g. /refnode
	Mode int64  // e.g. 0o755
	Data []byte
	// Link, when set, makes the entry a symbolic link to it (Data and
	// Mode unused): /var/run -> /run, so host paths under /var/run
	// resolve into a /run mounted from the host.
	Link string
}

// ImageFileFrom reads a host file (a static binary, say) into an ImageFile.
func ImageFileFrom(hostPath, imagePath string, mode int64) (ImageFile, error) {
	b, err := os.ReadFile(hostPath)
	if err != nil {
		return ImageFile{}, fmt.Errorf("image file: %w", err)
	}
	return ImageFile{Path: imagePath, Mode: mode, Data: b}, nil
}

// ScratchImage is an image FROM scratch: one layer holding Files, nothing
// pulled from anywhere.
type ScratchImage struct {
	Ref        string // e.g. "refnode:latest"
	Files      []ImageFile
	Entrypoint []string
	Cmd        []string
	Env        []string
	Labels     map[string]string
}

// WriteArchive writes the image as a Docker-archive tar (what `docker save`
// writes: manifest.json, the config blob, one layer.tar), which both
// Docker's image load API and containerd's Import accept, so one builder
// serves both engines.
func (im ScratchImage) WriteArchive(w io.Writer) error {
	layer, err := layerTar(im.Files)
	if err != nil {
		return err
	}
	layerSum := sha256.Sum256(layer)
	diffID := "sha256:" + hex.EncodeToString(layerSum[:])
	created := time.Unix(0, 0).UTC() // reproducible: same files, same image id
	cfg := map[string]any{
		"architecture": runtime.GOARCH,
		"os":           "linux",
		"created":      created.Format(time.RFC3339),
		"config": map[string]any{
			"Entrypoint": im.Entrypoint,
			"Cmd":        im.Cmd,
			"Env":        im.Env,
			"Labels":     im.Labels,
		},
		"rootfs":  map[string]any{"type": "layers", "diff_ids": []string{diffID}},
		"history": []map[string]any{{"created": created.Format(time.RFC3339), "created_by": "tfkit engine.ScratchImage"}},
	}
	cfgJSON, err := json.Marshal(cfg)
	if err != nil {
		return err
	}
	cfgSum := sha256.Sum256(cfgJSON)
	cfgName := hex.EncodeToString(cfgSum[:]) + ".json"
	layerName := hex.EncodeToString(layerSum[:]) + "/layer.tar"
	manifest, err := json.Marshal([]map[string]any{{
		"Config":   cfgName,
		"RepoTags": []string{im.Ref},
		"Layers":   []string{layerName},
	}})
	if err != nil {
		return err
	}
	tw := tar.NewWriter(w)
	for _, f := range []struct {
		name string
		data []byte
	}{{cfgName, cfgJSON}, {layerName, layer}, {"manifest.json", manifest}} {
		if dir := path.Dir(f.name); dir != "." {
			if err := tw.WriteHeader(&tar.Header{Name: dir + "/", Typeflag: tar.TypeDir, Mode: 0o755, ModTime: created}); err != nil {
				return err
			}
		}
		if err := writeTarFile(tw, f.name, 0o644, f.data, created); err != nil {
			return err
		}
	}
	return tw.Close()
}

// Archive returns WriteArchive's bytes.
func (im ScratchImage) Archive() ([]byte, error) {
	var b bytes.Buffer
	err := im.WriteArchive(&b)
	return b.Bytes(), err
}

// layerTar builds the single layer: parent directories, then the files.
func layerTar(files []ImageFile) ([]byte, error) {
	var b bytes.Buffer
	tw := tar.NewWriter(&b)
	mt := time.Unix(0, 0)
	dirs := map[string]bool{}
	sorted := append([]ImageFile(nil), files...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Path < sorted[j].Path })
	for _, f := range sorted {
		rel := path.Clean(f.Path)
		if !path.IsAbs(rel) || rel == "/" {
			return nil, fmt.Errorf("image file %q: give an absolute path inside the image", f.Path)
		}
		rel = rel[1:]
		for d := path.Dir(rel); d != "."; d = path.Dir(d) {
			if dirs[d] {
				break
			}
			dirs[d] = true
			if err := tw.WriteHeader(&tar.Header{Name: d + "/", Typeflag: tar.TypeDir, Mode: 0o755, ModTime: mt}); err != nil {
				return nil, err
			}
		}
		if f.Link != "" {
			if err := tw.WriteHeader(&tar.Header{Name: rel, Typeflag: tar.TypeSymlink, Linkname: f.Link, Mode: 0o777, ModTime: mt}); err != nil {
				return nil, err
			}
			continue
		}
		if err := writeTarFile(tw, rel, f.Mode, f.Data, mt); err != nil {
			return nil, err
		}
	}
	// A writable /tmp, as most programs expect one.
	if !dirs["tmp"] {
		if err := tw.WriteHeader(&tar.Header{Name: "tmp/", Typeflag: tar.TypeDir, Mode: 0o1777, ModTime: mt}); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func writeTarFile(tw *tar.Writer, name string, mode int64, data []byte, mt time.Time) error {
	if mode == 0 {
		mode = 0o644
	}
	if err := tw.WriteHeader(&tar.Header{Name: name, Typeflag: tar.TypeReg, Mode: mode, Size: int64(len(data)), ModTime: mt}); err != nil {
		return err
	}
	_, err := tw.Write(data)
	return err
}

// LoadScratchImage builds im and loads it into rt; it returns the reference
// the engine stored (Docker: "refnode:latest"; containerd:
// "docker.io/library/refnode:latest"), ready for RunSpec.Image.
func LoadScratchImage(ctx context.Context, rt Runtime, im ScratchImage) (string, error) {
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(im.WriteArchive(pw)) }()
	refs, err := rt.LoadImage(ctx, pr)
	pr.Close()
	if err != nil {
		return "", err
	}
	return refs[0], nil
}
