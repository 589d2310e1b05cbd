/* Random inputs for scripts/check-glibc-math.sh: N records of x, log x, sin x, cos x (every branch of
 * glibc's log/sin/cos: (0,1), near 1, any bit pattern, the trig ranges, huge) and a, b, c, fma(a, b, c),
 * as float64 on stdout. Usage: glibc-math-stress N SEED */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static uint64_t state;
static uint64_t next64(void){uint64_t z=(state+=0x9e3779b97f4a7c15ULL);z=(z^(z>>30))*0xbf58476d1ce4e5b9ULL;z=(z^(z>>27))*0x94d049bb133111ebULL;return z^(z>>31);}
static double u01(void){return (double)(next64()>>11)*0x1p-53;}
int main(int argc,char**argv){ long n=atol(argv[1]); state=atol(argv[2]); 
 double *buf=malloc(sizeof(double)*8*n); 
 for(long i=0;i<n;i++){ double x; int kind=i%8; double s=(next64()&1)?-1:1;
  switch(kind){case 0: x=u01(); break; case 1: x=1+(u01()-0.5)*0.25; break; case 2: {uint64_t b=next64()&0x7fffffffffffffffULL; memcpy(&x,&b,8); break;}
   case 3: x=s*u01()*0.9; break; case 4: x=s*(0.85+u01()*1.6); break; case 5: x=s*u01()*7; break; case 6: x=s*ldexp(1+u01(),(int)(next64()%27)); break; default: x=s*ldexp(1+u01(),27+(int)(next64()%996));}
  double a=next64()%2? x : u01()*ldexp(1, (int)(next64()%40)-20), b=u01()*4-2, c=(u01()-0.5)*ldexp(1,(int)(next64()%40)-20);
  buf[8*i]=x; buf[8*i+1]=log(x); buf[8*i+2]=sin(x); buf[8*i+3]=cos(x); buf[8*i+4]=a; buf[8*i+5]=b; buf[8*i+6]=c; buf[8*i+7]=fma(a,b,c);}
 fwrite(buf,sizeof(double),8*n,stdout); }
