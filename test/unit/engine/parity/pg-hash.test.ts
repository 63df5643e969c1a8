import { describe, expect, it } from 'vitest'
import {
  hashKindFor,
  hashTextExtended,
  hashTextExtendedUnsigned,
  md5Hash64,
  pairHash,
  pairHashSql,
} from '../../../../src/main/engine/parity/pg-hash'
import { PAIR_SEPARATOR } from '../../../../src/main/engine/parity/types'

/** `a`, `ah`, `aho`…: n letters, so every tail length of lookup3's 12-byte blocks is covered. */
const letters = (n: number) =>
  Array.from({ length: n }, (_, i) => String.fromCharCode(0x61 + ((i * 7) % 26))).join('')

/**
 * Values read from PostgreSQL 16 on x86-64: `hashtextextended(s, 0)`, `hashtextextended(s, 1)`
 * and `('x' || left(md5(s), 16))::bit(64)::bigint`, for 0 to 24 bytes and a few multi-byte texts.
 */
const GOLDEN: [string, string, string, string][] = [
  ['', '-6939563903564495251', '-150071773020461347', '-3162216497309240828'],
  ['a', '3591986179850072241', '3325245193489759299', '919145239626757800'],
  ['ah', '404869541664715949', '-5770508573123269131', '4392140347305353130'],
  ['aho', '-7508312535848336984', '5160992922203875736', '-3712145059986774125'],
  ['ahov', '-8454766163162379388', '8530882776651974869', '3789021006013535009'],
  ['ahovc', '8238350223353299592', '1199613160929374943', '6421844886271915213'],
  ['ahovcj', '-7704168662620324324', '7930253823417608570', '3840215536116704612'],
  ['ahovcjq', '-1652090707860702826', '-4262158682161502184', '3714634899413696308'],
  ['ahovcjqx', '-7526253143880078021', '-2525079691164264162', '-6105024303075612955'],
  ['ahovcjqxe', '-3850790696155503904', '-5138448130437601340', '7430236206922695378'],
  ['ahovcjqxel', '-5521641481706025965', '-6029749602447230035', '1224833294825874773'],
  ['ahovcjqxels', '-8028008006019271172', '7994267548777833325', '-3197480922878727309'],
  ['ahovcjqxelsz', '-941008372656926971', '4912753667552398710', '991793000692306770'],
  ['ahovcjqxelszg', '7456596689203843456', '341520924545893021', '7889987196750670313'],
  ['ahovcjqxelszgn', '-8861657987398147512', '-280044087139375416', '-8212619358549600463'],
  ['ahovcjqxelszgnu', '-1359538593697474871', '-6394683469963437129', '-1943544346581038876'],
  ['ahovcjqxelszgnub', '2251576429595723528', '17950664805164511', '-4658674483514724290'],
  ['ahovcjqxelszgnubi', '-5758671934696693670', '3387184699785019333', '-3376599355293617196'],
  ['ahovcjqxelszgnubip', '-8279605957985665764', '-3751658559549879298', '-4582090667285651306'],
  ['ahovcjqxelszgnubipw', '777815741463312568', '-5581175605548696545', '-6881834896224691788'],
  ['ahovcjqxelszgnubipwd', '3871772807905801495', '7364924358113600336', '-2966967948014678874'],
  ['ahovcjqxelszgnubipwdk', '-8862578947533808910', '5880983128138171049', '3553118353978652475'],
  [
    'ahovcjqxelszgnubipwdkr',
    '-8708063057242052297',
    '-1951634543400222429',
    '-2965671833237233668',
  ],
  [
    'ahovcjqxelszgnubipwdkry',
    '-3409832634975343019',
    '5421788939602742722',
    '-2841391052721781549',
  ],
  ['ahovcjqxelszgnubipwdkryf', '2046870958783058470', '2198913172397800140', '1115356071537641385'],
  ['é', '-763932721387459829', '-59322650404964094', '7412306613632936882'],
  ['éééééé', '-5651089186350200945', '7979977578518220967', '-8168781352697510390'],
  ['😀😀😀', '8724223271110288099', '-650987141182740470', '4575285684539971507'],
  ['ÿÿÿÿÿÿ', '8136710536222630019', '2691156960723896067', '-1551609312874501748'],
]

describe('hashTextExtended (lookup3, as PostgreSQL computes it)', () => {
  it('covers every length from 0 to 24 bytes', () => {
    expect(GOLDEN.slice(0, 25).map(([s]) => s)).toEqual(
      Array.from({ length: 25 }, (_, n) => letters(n)),
    )
  })

  it.each(GOLDEN)('hashes %j like PostgreSQL, with seed 0 and 1, and md5', (s, h0, h1, m) => {
    expect(hashTextExtended(s)).toBe(BigInt(h0))
    expect(hashTextExtended(s, 1n)).toBe(BigInt(h1))
    expect(md5Hash64(s)).toBe(BigInt(m))
  })

  it('gives the unsigned form of the same 64 bits', () => {
    for (const [s, h0] of GOLDEN) {
      const unsigned = hashTextExtendedUnsigned(s)
      expect(unsigned).toBeGreaterThanOrEqual(0n)
      expect(unsigned).toBeLessThan(1n << 64n)
      expect(BigInt.asIntN(64, unsigned)).toBe(BigInt(h0))
    }
  })
})

describe('pairHash and pairHashSql', () => {
  it('hash id, separator and revision as one text, unsigned', () => {
    const expected = hashTextExtendedUnsigned(`abc${PAIR_SEPARATOR}1-x`)
    expect(pairHash('hashtextextended')('abc', '1-x')).toBe(expected)
    expect(pairHash('md5')('abc', '1-x')).toBe(BigInt.asUintN(64, md5Hash64('abc\u001f1-x')))
    // The separator keeps ("ab", "c") and ("a", "bc") apart.
    expect(pairHash('hashtextextended')('ab', 'c')).not.toBe(
      pairHash('hashtextextended')('a', 'bc'),
    )
  })

  it('write the SQL of each kind', () => {
    expect(pairHashSql('hashtextextended', 'i', 'r')).toBe(
      'hashtextextended(((i) || chr(31) || (r)) COLLATE "C", 0)',
    )
    expect(pairHashSql('md5', 'i', 'r')).toBe(
      `('x' || left(md5(((i) || chr(31) || (r)) COLLATE "C"), 16))::bit(64)::bigint`,
    )
  })

  it('choose hashtextextended from PostgreSQL 11 on', () => {
    expect(hashKindFor(100023)).toBe('md5')
    expect(hashKindFor(110000)).toBe('hashtextextended')
    expect(hashKindFor(160014)).toBe('hashtextextended')
  })
})
