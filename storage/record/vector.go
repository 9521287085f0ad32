package record

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
)

// Vectors (EMBEDDING, VECTOR) are stored as their float32s, little-endian,
// in Ascii85: 5 characters per dimension, exact. When it is shorter, the
// bytes are first regrouped by position (every float's byte 3, then every
// byte 2, ...: the sign and exponent bytes of an embedding's values are
// alike and compress, the mantissa bytes do not) and deflated (RFC 1951),
// and the text starts with 'v', a character outside Ascii85: about 4.5
// characters per dimension for a typical embedding.

const vectorPacked = 'v'

func encodeVector(vec []float32) string {
	raw := make([]byte, 4*len(vec))
	for i, f := range vec {
		binary.LittleEndian.PutUint32(raw[4*i:], math.Float32bits(f))
	}
	plain := encodeBinary(raw)
	if len(vec) < 16 { // too small to gain from deflate's headers
		return plain
	}
	var packed bytes.Buffer
	w, _ := flate.NewWriter(&packed, flate.BestCompression)
	w.Write(shuffle(raw))
	w.Close()
	if p := string(vectorPacked) + encodeBinary(packed.Bytes()); len(p) < len(plain) {
		return p
	}
	return plain
}

func decodeVector(s string, dims int) ([]float32, error) {
	var raw []byte
	if packed, ok := strings.CutPrefix(s, string(vectorPacked)); ok {
		b, err := decodeBinary(packed)
		if err != nil {
			return nil, err
		}
		r := flate.NewReader(bytes.NewReader(b))
		sh, err := io.ReadAll(io.LimitReader(r, int64(4*dims)+1))
		if err != nil {
			return nil, fmt.Errorf("bad deflated vector: %v", err)
		}
		if len(sh) != 4*dims {
			return nil, fmt.Errorf("vector of %d bytes, want %d", len(sh), 4*dims)
		}
		raw = unshuffle(sh)
	} else {
		b, err := decodeBinary(s)
		if err != nil {
			return nil, err
		}
		raw = b
	}
	if len(raw) != 4*dims {
		return nil, fmt.Errorf("vector of %d bytes, want %d", len(raw), 4*dims)
	}
	vec := make([]float32, dims)
	for i := range vec {
		vec[i] = math.Float32frombits(binary.LittleEndian.Uint32(raw[4*i:]))
		if math.IsNaN(float64(vec[i])) || math.IsInf(float64(vec[i]), 0) {
			return nil, errors.New("vector element is not a finite number")
		}
	}
	return vec, nil
}

// shuffle regroups the bytes of little-endian float32s by position, the
// most significant first: every float's byte 3, then every byte 2, ...
func shuffle(raw []byte) []byte {
	n := len(raw) / 4
	out := make([]byte, 0, len(raw))
	for j := 3; j >= 0; j-- {
		for i := range n {
			out = append(out, raw[4*i+j])
		}
	}
	return out
}

func unshuffle(sh []byte) []byte {
	n := len(sh) / 4
	raw := make([]byte, len(sh))
	for j := 3; j >= 0; j-- {
		for i := range n {
			raw[4*i+j] = sh[(3-j)*n+i]
		}
	}
	return raw
}
